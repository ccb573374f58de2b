package dev.lorahub.converter.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Timings of one benchmarked operation: wall-clock seconds per run and, for work done on the calling thread,
 * that thread's CPU seconds (user plus system), so that wall minus CPU time shows time spent waiting, such as
 * for fsync.
 */
final class Measurement {

    /** A timed operation. */
    interface Operation {
        void run() throws Exception;
    }

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final String name;
    private final boolean onThisThread;
    private final List<Double> wallSeconds = new ArrayList<>();
    private final List<Double> cpuSeconds = new ArrayList<>();

    /**
     * @param onThisThread whether the work runs on the calling thread, so that its CPU time is meaningful. It is
     *     false for work done by another process, such as {@code cp}.
     */
    Measurement(String name, boolean onThisThread) {
        this.name = name;
        this.onThisThread = onThisThread;
    }

    String name() {
        return name;
    }

    /** Runs the operation and records its times unless {@code record} is false, as for a warm-up run. */
    void time(boolean record, Operation operation) throws Exception {
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long wallStart = System.nanoTime();
        operation.run();
        long wall = System.nanoTime() - wallStart;
        long cpu = THREADS.getCurrentThreadCpuTime() - cpuStart;
        if (record) {
            add(wall / 1e9, cpu / 1e9);
        }
    }

    /** Records one run measured elsewhere, such as the sum of two steps. */
    void add(double wall, double cpu) {
        wallSeconds.add(wall);
        cpuSeconds.add(cpu);
    }

    List<Double> wallSeconds() {
        return List.copyOf(wallSeconds);
    }

    List<Double> cpuSeconds() {
        return List.copyOf(cpuSeconds);
    }

    double medianWall() {
        return median(wallSeconds);
    }

    double medianCpu() {
        return median(cpuSeconds);
    }

    boolean onThisThread() {
        return onThisThread;
    }

    /** Returns the median, the mean of the two middle values for an even count. */
    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    /**
     * Returns a markdown table row: name, median wall time, the given ratio text, median thread CPU time
     * and every run's wall time in run order, times in {@code unit} seconds (1 for seconds, 1e-3 for milliseconds).
     */
    String tableRow(String ratio, double unit, String format) {
        String cpu = onThisThread ? String.format(Locale.ROOT, format, medianCpu() / unit) : "–";
        String runs = wallSeconds.stream()
                .map(value -> String.format(Locale.ROOT, format, value / unit))
                .collect(Collectors.joining(", "));
        return "| " + name + " | " + String.format(Locale.ROOT, format, medianWall() / unit) + " | " + ratio + " | "
                + cpu + " | " + runs + " |";
    }
}
