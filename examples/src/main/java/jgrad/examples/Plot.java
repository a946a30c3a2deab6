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
        String name = png.toString();
        String base = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.substring(0, name.length() - 4) : name;
        BitmapEncoder.saveBitmap(chart, base, BitmapEncoder.BitmapFormat.PNG);
    }

    private static double[] toArray(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
