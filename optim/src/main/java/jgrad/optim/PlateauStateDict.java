package jgrad.optim;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jgrad.DType;
import jgrad.Tensor;
import jgrad.io.StateDictCheck;

/**
 * {@link ReduceLROnPlateau}'s state dict: the key layout of
 * {@link ReduceLROnPlateau#stateDict()} and the strict check and restore of
 * {@link ReduceLROnPlateau#loadStateDict(Map)}.
 */
final class PlateauStateDict {
    private PlateauStateDict() {}

    static Map<String, Tensor> save(ReduceLROnPlateau p) {
        LinkedHashMap<String, Tensor> out = new LinkedHashMap<>();
        out.put("factor", OptimizerStateDict.f64(p.factor));
        out.put("min_lrs", OptimizerStateDict.f64(p.minLrs));
        out.put("patience", OptimizerStateDict.f64(p.patience));
        out.put("cooldown", OptimizerStateDict.f64(p.cooldown));
        out.put("cooldown_counter", OptimizerStateDict.f64(p.cooldownCounter));
        out.put("mode", OptimizerStateDict.f64(p.mode.ordinal()));
        out.put("threshold", OptimizerStateDict.f64(p.threshold));
        out.put("threshold_mode", OptimizerStateDict.f64(p.thresholdMode.ordinal()));
        out.put("best", OptimizerStateDict.f64(p.best));
        out.put("num_bad_epochs", OptimizerStateDict.f64(p.numBadEpochs));
        out.put("eps", OptimizerStateDict.f64(p.eps));
        out.put("last_epoch", OptimizerStateDict.f64(p.lastEpoch));
        out.put("_last_lr", OptimizerStateDict.f64(p.lastLr));
        return out;
    }

    static void load(ReduceLROnPlateau p, Map<String, Tensor> state) {
        StateDictCheck check = StateDictCheck.of("ReduceLROnPlateau.loadStateDict", state);
        int n = p.minLrs.length;
        Map<String, Double> v = new LinkedHashMap<>();
        for (String name : List.of("factor", "patience", "cooldown", "cooldown_counter", "mode", "threshold",
                "threshold_mode", "num_bad_epochs", "eps", "last_epoch")) {
            Tensor t = check.require(name, StateDictCheck.scalar(), DType.FLOAT64, true);
            v.put(name, t == null ? Double.NaN : t.item());
        }
        Tensor bestT = check.require("best", StateDictCheck.scalar(), DType.FLOAT64, false);
        Tensor mins = check.require("min_lrs", new int[] {n}, DType.FLOAT64, true);
        Tensor last = check.require("_last_lr", new int[] {n}, DType.FLOAT64, true);
        check.rejectUnclaimed();
        if (!check.failed()) {
            try {
                ReduceLROnPlateau.check(v.get("factor"), v.get("patience"), v.get("threshold"), v.get("cooldown"), mins.toArray(),
                        v.get("eps"));
            } catch (IllegalArgumentException e) {
                check.invalid(e.getMessage());
            }
            for (String name : List.of("cooldown_counter", "num_bad_epochs", "last_epoch")) {
                if (!LRScheduler.isCount(v.get(name), 0)) {
                    check.invalid(name + ": " + v.get(name) + " is not a whole number at least 0");
                }
            }
            for (String name : List.of("mode", "threshold_mode")) {
                if (v.get(name) != 0.0 && v.get(name) != 1.0) {
                    check.invalid(name + ": " + v.get(name) + " is neither 0 nor 1");
                }
            }
            if (Double.isNaN(bestT.item())) {
                check.invalid("best: NaN");
            }
        }
        check.throwIfFailed();
        p.factor = v.get("factor");
        p.patience = v.get("patience").intValue();
        p.cooldown = v.get("cooldown").intValue();
        p.cooldownCounter = v.get("cooldown_counter").intValue();
        p.mode = ReduceLROnPlateau.Mode.values()[v.get("mode").intValue()];
        p.threshold = v.get("threshold");
        p.thresholdMode = ReduceLROnPlateau.ThresholdMode.values()[v.get("threshold_mode").intValue()];
        p.best = bestT.item();
        p.numBadEpochs = v.get("num_bad_epochs").intValue();
        p.eps = v.get("eps");
        p.lastEpoch = v.get("last_epoch").intValue();
        p.minLrs = mins.toArray();
        p.lastLr = last.toArray();
    }
}
