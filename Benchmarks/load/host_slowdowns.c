/* Measures the machine, not the gateway: runs a fixed piece of arithmetic in a loop for
 * DURATION seconds (default 10) and counts, per 10 ms, how often it finished. A 10 ms slot in
 * which the loop got less than half its median done is a "slow window": the CPU itself was
 * slower, because something outside this process (another process, or the host under a virtual
 * machine) took it. Prints each window and a summary line.
 *
 * On the development VM (a Firecracker microVM with 2 vCPUs) an idle machine shows such windows
 * every 0.3-1.6 s, 10-80 ms long, at 9-50% of normal speed, on both vCPUs at the same instants.
 * Any request that needs half a millisecond of CPU and lands in one takes 5-10 times longer, and
 * the requests queued behind it wait too: they set the paced p99 of misses (Benchmarks/RESULTS.md).
 *
 *   cc -O2 -o host_slowdowns host_slowdowns.c && ./host_slowdowns 10
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int compare_ints(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv) {
    double duration = argc > 1 ? atof(argv[1]) : 10;
    if (duration <= 0) duration = 10;
    int slots = (int)(duration * 100) + 1;
    int *done = calloc(slots, sizeof(int));
    int *sorted = malloc(slots * sizeof(int));
    volatile uint64_t x = 1;
    double start = now();
    for (;;) {
        double t = now();
        if (t - start >= duration) break;
        for (int i = 0; i < 2000; i++) x = x * 6364136223846793005ULL + 1;
        done[(int)((t - start) * 100)]++;
    }
    /* The last slot is partial: leave it out. */
    slots -= 1;
    for (int i = 0; i < slots; i++) sorted[i] = done[i];
    qsort(sorted, slots, sizeof(int), compare_ints);
    int median = sorted[slots / 2];
    int windows = 0, slow_ms = 0, deepest = 100;
    for (int i = 0; i < slots;) {
        if (done[i] * 2 >= median) { i++; continue; }
        int j = i, lowest = done[i];
        while (j < slots && done[j] * 2 < median) { if (done[j] < lowest) lowest = done[j]; j++; }
        int percent = median ? 100 * lowest / median : 0;
        printf("  %6.2f s: %3d ms below half speed, lowest %d%%\n", i / 100.0, (j - i) * 10, percent);
        windows++;
        slow_ms += (j - i) * 10;
        if (percent < deepest) deepest = percent;
        i = j;
    }
    printf("host: %d slow windows in %.0f s (%d ms in all, %.1f%% of the time), slowest at %d%% of normal speed\n",
           windows, duration, slow_ms, 100.0 * slow_ms / (duration * 1000), windows ? deepest : 100);
    return 0;
}
