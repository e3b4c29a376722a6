using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.TwoTower;
using MovieRec.Training;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec bench-twotower [--dataset ml-latest-small|synthetic-small|ml-25m-shaped] [--data DIR] [--epochs 1]
/// [--sample-fraction 1] [--threads N] [--validation 0] [--seed 42] [--sparse-embeddings|--dense-embeddings] [--save DIR]`: trains
/// <see cref="TwoTowerRecommender"/> in the fixed benchmark configuration (its defaults, printed in full, with
/// <c>--epochs</c> epochs and validation off unless <c>--validation</c> is given) and reports training throughput in
/// examples per second, the epoch and fit times, CPU time, the load average and the peak working set (of the whole
/// process, and of training alone: the peak is reset through /proc/self/clear_refs after loading). With
/// <c>--sample-fraction f</c> only a seeded fraction f of the users (with all their ratings) is trained, and the
/// full-data epoch time is extrapolated from the throughput. <c>--sparse-embeddings</c> / <c>--dense-embeddings</c> set
/// <see cref="TwoTowerOptions.SparseEmbeddingUpdates"/> (row-wise lazy AdamW for the id tables; default: the option's default).
/// <c>--save DIR</c> saves the trained recommender (<see cref="TwoTowerRecommender.Save"/>, atomic) after the timings, so
/// `movierec bench-ann --model DIR` can measure retrieval on vectors the model really learned.
/// </summary>
internal static class BenchTwoTowerCommand
{
    public static int Run(string[] args)
    {
        string dataset = "ml-latest-small";
        string? data = null;
        int epochs = 1, seed = 42, threads = Environment.ProcessorCount, batchSize = new TwoTowerOptions().Training.BatchSize;
        double progressSeconds = 60;
        double sampleFraction = 1, validation = 0;
        bool? sparseEmbeddings = null;
        string? save = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--dataset": dataset = CommandOptions.Value(args, ref i); break;
                case "--data": data = CommandOptions.Value(args, ref i); break;
                case "--epochs": epochs = CommandOptions.Int(args, ref i); break;
                case "--seed": seed = CommandOptions.Int(args, ref i); break;
                case "--threads": threads = CommandOptions.Int(args, ref i); break;
                case "--batch-size": batchSize = CommandOptions.Int(args, ref i); break;
                case "--progress-seconds": progressSeconds = CommandOptions.Number(args, ref i); break;
                case "--sample-fraction": sampleFraction = CommandOptions.Number(args, ref i); break;
                case "--validation": validation = CommandOptions.Number(args, ref i); break;
                case "--sparse-embeddings": sparseEmbeddings = true; break;
                case "--dense-embeddings": sparseEmbeddings = false; break;
                case "--save": save = CommandOptions.Value(args, ref i); break;
                default:
                    throw new ArgumentException(
                        $"bench-twotower: unknown option '{args[i]}'. Options: --dataset ml-latest-small|synthetic-small|ml-25m-shaped, --data DIR, " +
                        "--epochs N, --batch-size N, --sample-fraction F, --threads N, --validation F, --seed N, --progress-seconds S, --sparse-embeddings, --dense-embeddings, --save DIR.");
            }
        }

        if (epochs < 1 || threads < 1 || batchSize < 1 || !(sampleFraction is > 0 and <= 1) || !(validation is >= 0 and < 1) || !(progressSeconds >= 0))
        {
            throw new ArgumentException(
                "bench-twotower: --epochs, --batch-size and --threads must be at least 1, --sample-fraction in (0, 1], --validation in [0, 1), --progress-seconds at least 0 (0 = no progress lines).");
        }

        if (save is not null && (File.Exists(save) || !Directory.Exists(Path.GetDirectoryName(Path.GetFullPath(save)))))
        {
            // Checked before training: on ML-25M-sized data the save comes an hour later.
            throw new ArgumentException($"bench-twotower: --save '{save}' must name a folder (new or existing) whose parent folder exists.");
        }

        // Many small steps: keep glibc from trimming and re-faulting the heap after each (docs/benchmarks-twotower.md, session 7).
        MovieRec.Torch.NativeAllocatorTuning.Apply();
        var watch = Stopwatch.StartNew();
        var loaded = data is not null
            ? MovieLensLoader.Load(data)
            : DataSets.Load(dataset.Equals("ml-25m-shaped", StringComparison.OrdinalIgnoreCase) ? DataSets.SyntheticMl25m : dataset);
        var ratings = sampleFraction < 1 ? SampleUsers(loaded.Ratings, sampleFraction, seed) : loaded.Ratings;
        var training = new TrainingData(ratings, loaded.Movies);
        var examples = training.SeenItems.Count;
        var loadSeconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant(
            $"Data: {loaded.Directory}: {loaded.Ratings.Count:N0} ratings; trained on {ratings.Count:N0} ratings of {training.UserVocabulary.Count:N0} users (sample fraction {sampleFraction}), {training.ItemVocabulary.Count:N0} movies ({loadSeconds:F1} s to load and index, not timed below)."));

        TorchSharp.torch.set_num_threads(threads);
        var defaults = new TwoTowerOptions();
        var options = defaults with
        {
            ValidationFraction = validation,
            SparseEmbeddingUpdates = sparseEmbeddings ?? defaults.SparseEmbeddingUpdates,
            Training = defaults.Training with { Epochs = epochs, Seed = seed, BatchSize = batchSize },
        };
        PrintConfiguration(options, threads);
        Console.WriteLine($"glibc heap top pad (NativeAllocatorTuning): {(MovieRec.Torch.NativeAllocatorTuning.Applied ? "256 MiB" : "not set (off glibc, MALLOC_TOP_PAD_ set, or MOVIEREC_MALLOC_TOP_PAD=0)")}.");

        var peakBeforeTraining = Process.GetCurrentProcess().PeakWorkingSet64;
        Console.WriteLine(FormattableString.Invariant($"Peak working set so far (loading and indexing): {peakBeforeTraining / (double)(1 << 30):F2} GiB."));
        loaded = null;
        ratings = null;
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var resetPeak = TryResetPeak();
        var startLoad = BenchRecommendCommand.LoadAverage();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var model = new TwoTowerRecommender(options, new ConsoleTrainingReporter(prefix: "  "));
        watch.Restart();
        using (progressSeconds > 0 ? new TrainingProgressPrinter(examples * (1 - validation) * epochs, TimeSpan.FromSeconds(progressSeconds)) : null)
        {
            model.Fit(training);
        }

        var fitSeconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        var trainingPeak = process.PeakWorkingSet64;

        var history = model.History!;
        var epochSeconds = history.Records.Sum(r => r.EpochSeconds);
        var trainedExamples = (double)history.Records.Count * examples * (1 - validation);
        var throughput = trainedExamples / epochSeconds;
        var parameters = model.Model.parameters().Sum(p => p.numel());
        Console.WriteLine(FormattableString.Invariant($"Model: {parameters:N0} trainable parameters."));
        Console.WriteLine(FormattableString.Invariant(
            $"Training: {history.Records.Count} epoch(s) of ≈{examples * (1 - validation):N0} examples in {epochSeconds:F1} s wall → {throughput:N0} examples/s; whole Fit (set-up, epochs, validation, caching all vectors) {fitSeconds:F1} s wall, {cpuSeconds:F1} s CPU."));
        if (sampleFraction < 1)
        {
            var fullExamples = examples / sampleFraction;
            Console.WriteLine(FormattableString.Invariant(
                $"Extrapolated full-data epoch (≈{fullExamples:N0} examples at this throughput): {fullExamples * (1 - validation) / throughput:F0} s."));
        }

        Console.WriteLine($"Load average: {startLoad} at start, {BenchRecommendCommand.LoadAverage()} at end ({Environment.ProcessorCount} cores).");
        var wholePeak = Math.Max(peakBeforeTraining, trainingPeak) / (double)(1 << 30);
        var trainingOnly = resetPeak
            ? FormattableString.Invariant($"{trainingPeak / (double)(1 << 30):F2} GiB during training alone (peak reset after loading).")
            : "(peak reset not available on this OS).";
        Console.WriteLine(FormattableString.Invariant($"Peak working set: {wholePeak:F2} GiB for the whole process (loading included); ") + trainingOnly);
        if (save is not null)
        {
            watch.Restart();
            model.Save(save);
            Console.WriteLine(FormattableString.Invariant($"Saved the trained recommender to {Path.GetFullPath(save)} ({watch.Elapsed.TotalSeconds:F1} s, after the timings above)."));
        }

        return 0;
    }

    /// <summary>Prints every setting that shapes the computation, so the model can be rebuilt elsewhere.</summary>
    private static void PrintConfiguration(TwoTowerOptions o, int threads)
    {
        var t = o.Training;
        Console.WriteLine("Configuration (TwoTowerOptions defaults unless noted):");
        Console.WriteLine(FormattableString.Invariant(
            $"  embedding dimension {o.EmbeddingDimension}; tower MLPs: Linear→ReLU per hidden size [{string.Join(", ", o.HiddenSizes)}], then Linear to {o.EmbeddingDimension}; dropout {o.Dropout}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  item tower input: movie-id embedding ({o.EmbeddingDimension}) ‖ genres multi-hot ‖ release-year bucket embedding ({o.YearEmbeddingDimension}, {o.YearBucketWidth}-year buckets)"));
        Console.WriteLine(FormattableString.Invariant(
            $"  user tower input: {(o.UseUserIdEmbedding ? "user-id embedding ‖ " : "")}mean of {o.HistorySampleSize} sampled history item embeddings ({(o.ShareItemEmbeddings ? "shared with the item tower" : "separate table")}) ‖ mean genre multi-hot of the same items; history dropout {o.HistoryDropout}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  id embeddings initialised N(0, {o.InitialEmbeddingScale}²); outputs L2-normalised: {o.NormalizeEmbeddings}; temperature {o.Temperature}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  loss {o.Loss}: in-batch candidates + {o.UniformNegatives} uniform negatives, log-Q correction {o.LogQCorrection}, accidental hits removed {o.RemoveAccidentalHits}, per-user weight n_u^-{o.UserWeightExponent} (weighted mean)"));
        Console.WriteLine(FormattableString.Invariant(
            $"  optimizer {t.Optimizer} (β 0.9/0.999, ε 1e-8, weight decay {t.WeightDecay}; id tables {(o.SparseEmbeddingUpdates ? "row-wise lazy AdamW (SparseEmbeddingUpdates)" : "dense (--dense-embeddings)")}), learning rate {t.LearningRate} with {t.Schedule} decay to {t.MinimumLearningRateFactor} × over all steps, warm-up {t.WarmupSteps} steps, gradient clip {t.GradientClipNorm}"));
        Console.WriteLine(FormattableString.Invariant(
            $"  batch size {t.BatchSize}{(t.BatchSize == new TwoTowerOptions().Training.BatchSize ? "" : " (--batch-size; the default is " + new TwoTowerOptions().Training.BatchSize + ")")}, epochs {t.Epochs}, seed {t.Seed}, validation fraction {o.ValidationFraction}, torch threads {threads} (CPU, float32)"));
    }

    /// <summary>
    /// Prints a progress line every interval while training runs: examples so far (counted by the two-tower
    /// training task's "examples" counter of meter MovieRec.TwoTower.Training, as batches are built), examples/s
    /// since the start and over the last interval, ETA of the planned epochs, resident set and load average. The training loop itself reports
    /// only at the end of an epoch, which on ML-25M-sized data is tens of minutes away.
    /// </summary>
    private sealed class TrainingProgressPrinter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly Timer _timer;
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private readonly double _plannedExamples;
        private long _examples;
        private long _lastExamples;
        private double _lastSeconds;

        public TrainingProgressPrinter(double plannedExamples, TimeSpan interval)
        {
            _plannedExamples = plannedExamples;
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == "MovieRec.TwoTower.Training" && instrument.Name == "examples")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _examples, value));
            _listener.Start();
            _timer = new Timer(_ => Print(), null, interval, interval);
        }

        private void Print()
        {
            var done = Interlocked.Read(ref _examples);
            var seconds = _clock.Elapsed.TotalSeconds;
            var rate = done / Math.Max(seconds, 1e-9);
            var recent = (done - _lastExamples) / Math.Max(seconds - _lastSeconds, 1e-9);
            (_lastExamples, _lastSeconds) = (done, seconds);
            var eta = rate > 0 ? TimeSpan.FromSeconds(Math.Max(0, _plannedExamples - done) / rate) : TimeSpan.Zero;
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(FormattableString.Invariant(
                $"  progress {seconds / 60:F1} min: {done:N0} of ≈{_plannedExamples:N0} examples ({100 * done / _plannedExamples:F1} %), {rate:N0} examples/s ({recent:N0} in the last interval), ETA {eta:hh\\:mm\\:ss}; resident {process.WorkingSet64 / (double)(1 << 30):F2} GiB, load {BenchRecommendCommand.LoadAverage()}"));
        }

        public void Dispose()
        {
            _timer.Dispose();
            _listener.Dispose();
        }
    }

    /// <summary>All ratings of a seeded fraction of the users.</summary>
    private static RatingsTable SampleUsers(RatingsTable ratings, double fraction, int seed)
    {
        var users = ratings.DistinctUserIds();
        new Random(seed).Shuffle(users);
        var kept = users.Take(Math.Max(1, (int)Math.Round(users.Length * fraction))).ToHashSet();
        var rows = Enumerable.Range(0, ratings.Count).Where(r => kept.Contains(ratings.UserIds[r])).ToArray();
        return ratings.Select(rows);
    }

    /// <summary>Resets the kernel's peak-RSS counter (VmHWM) that PeakWorkingSet64 reads; Linux only.</summary>
    private static bool TryResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
