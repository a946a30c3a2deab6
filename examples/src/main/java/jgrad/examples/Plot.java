package jgrad.examples;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;

/** The PNG of the training curves (XChart, headless). */
final class Plot {
    private Plot() {}

    static void curves(String title, List<Double> trainLoss, List<Double> testLoss, List<Double> testAcc, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] epochs = IntStream.rangeClosed(1, trainLoss.size()).asDoubleStream().toArray();
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title + ": loss and accuracy")
                .xAxisTitle("epoch").yAxisTitle("loss / accuracy").build();
        chart.getStyler().setMarkerSize(5);
        chart.addSeries("train loss", epochs, toArray(trainLoss)).setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        chart.addSeries("test loss", epochs, toArray(testLoss));
        chart.addSeries("test accuracy", epochs, toArray(testAcc));
        save(chart, png);
    }

    /**
     * The training and validation losses estimated every few steps ({@code attention}), against
     * the step.
     */
    static void losses(String title, List<Integer> steps, List<Double> trainLoss, List<Double> valLoss, Path png)
            throws IOException {
        System.setProperty("java.awt.headless", "true");
        double[] x = steps.stream().mapToDouble(Integer::doubleValue).toArray();
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle("step")
                .yAxisTitle("cross-entropy loss (nats per character)").build();
        chart.getStyler().setMarkerSize(5);
        chart.addSeries("train loss", x, toArray(trainLoss));
        chart.addSeries("val loss", x, toArray(valLoss));
        save(chart, png);
    }

    /** Writes {@code chart} to {@code png} (XChart adds the .png suffix itself, so it gets the name without it). */
    private static void save(XYChart chart, Path png) throws IOException {
        String name = png.toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
