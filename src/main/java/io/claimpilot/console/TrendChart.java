package io.claimpilot.console;

import io.quarkus.qute.TemplateData;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small daily chart drawn as server-side SVG: the geometry is computed here, the template only writes the shapes,
 * and a table under each chart carries the same numbers for screen readers and for browsers without SVG.
 *
 * @param bars   one rectangle per day (bar charts)
 * @param points the polyline's "x,y x,y" (line charts), empty for bars
 * @param dots   one point per day with a value (line charts)
 */
@TemplateData
public record TrendChart(String id, String title, List<Bar> bars, String points, List<Dot> dots, List<Tick> ticks,
                         List<Tick> days) {

    static final int WIDTH = 640;
    static final int HEIGHT = 180;
    static final int LEFT = 56;
    static final int RIGHT = 8;
    static final int TOP = 10;
    static final int BOTTOM = 24;

    @TemplateData
    public record Bar(String x, String y, String width, String height, String label) {
    }

    @TemplateData
    public record Dot(String x, String y, String label) {
    }

    @TemplateData
    public record Tick(String x, String y, String text) {
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public String plotLeft() {
        return Integer.toString(LEFT);
    }

    public String plotRight() {
        return Integer.toString(WIDTH - RIGHT);
    }

    public String plotBottom() {
        return Integer.toString(HEIGHT - BOTTOM);
    }

    /** Values per day, one bar each; the scale starts at 0 and ends at a round maximum. */
    static TrendChart bars(String id, String title, List<String> dayLabels, List<BigDecimal> values) {
        BigDecimal max = roundMaximum(values);
        double slot = plotWidth() / Math.max(1, values.size());
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            double height = scaled(values.get(i), max);
            double x = LEFT + i * slot + slot * 0.15;
            bars.add(new Bar(fmt(x), fmt(HEIGHT - BOTTOM - height), fmt(slot * 0.7), fmt(height),
                    dayLabels.get(i) + ": " + values.get(i).stripTrailingZeros().toPlainString()));
        }
        return new TrendChart(id, title, bars, "", List.of(), ticks(max, ""), days(dayLabels, slot));
    }

    /** Values per day joined by a line; a day without a value (null) is skipped. {@code percent}: values are ratios. */
    static TrendChart line(String id, String title, List<String> dayLabels, List<BigDecimal> values, boolean percent) {
        BigDecimal max = percent ? BigDecimal.ONE : roundMaximum(values);
        double slot = plotWidth() / Math.max(1, values.size());
        StringBuilder points = new StringBuilder();
        List<Dot> dots = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            BigDecimal value = values.get(i);
            if (value == null) {
                continue;
            }
            String x = fmt(LEFT + i * slot + slot / 2);
            String y = fmt(HEIGHT - BOTTOM - scaled(value, max));
            points.append(points.isEmpty() ? "" : " ").append(x).append(',').append(y);
            dots.add(new Dot(x, y, dayLabels.get(i) + ": " + (percent ? BackOfficeViews.percent(value)
                    : value.stripTrailingZeros().toPlainString())));
        }
        return new TrendChart(id, title, List.of(), points.toString(), dots, ticks(max, percent ? "%" : ""),
                days(dayLabels, slot));
    }

    private static double plotWidth() {
        return WIDTH - LEFT - RIGHT;
    }

    private static double plotHeight() {
        return HEIGHT - TOP - BOTTOM;
    }

    private static double scaled(BigDecimal value, BigDecimal max) {
        return max.signum() == 0 ? 0 : value.doubleValue() / max.doubleValue() * plotHeight();
    }

    /** 1, 2 or 5 times a power of ten, at least the largest value, so the axis reads in round numbers. */
    static BigDecimal roundMaximum(List<BigDecimal> values) {
        BigDecimal largest = values.stream().filter(v -> v != null).max(BigDecimal::compareTo).orElse(BigDecimal.ZERO);
        if (largest.signum() <= 0) {
            return BigDecimal.ONE;
        }
        BigDecimal power = BigDecimal.ONE.movePointRight(largest.precision() - largest.scale() - 1);
        for (int step : new int[]{1, 2, 5, 10}) {
            BigDecimal candidate = power.multiply(BigDecimal.valueOf(step));
            if (candidate.compareTo(largest) >= 0) {
                return candidate;
            }
        }
        return power.multiply(BigDecimal.TEN);
    }

    private static List<Tick> ticks(BigDecimal max, String unit) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            BigDecimal value = max.multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(4), 4, RoundingMode.HALF_UP);
            String text = unit.equals("%") ? value.movePointRight(2).stripTrailingZeros().toPlainString() + " %"
                    : value.stripTrailingZeros().toPlainString();
            ticks.add(new Tick(Integer.toString(LEFT - 6), fmt(HEIGHT - BOTTOM - plotHeight() * i / 4 + 4), text));
        }
        return ticks;
    }

    /** About six day labels under the axis, whatever the length of the period. */
    private static List<Tick> days(List<String> dayLabels, double slot) {
        List<Tick> days = new ArrayList<>();
        int every = Math.max(1, (int) Math.ceil(dayLabels.size() / 6.0));
        for (int i = 0; i < dayLabels.size(); i += every) {
            days.add(new Tick(fmt(LEFT + i * slot + slot / 2), Integer.toString(HEIGHT - 6), dayLabels.get(i).substring(5)));
        }
        return days;
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }
}
