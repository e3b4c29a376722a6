using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Splits;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec tune-als [--path DIR] [--factors 32,64] [--regularization 0.01,1] [--alpha 1,10] [--iterations 15]
/// [--strength binary,ratings] [--validation-seed 43]`: grid search of <see cref="ImplicitAls"/> on the
/// standard protocol. The test split (stratified per user 75/25, seed 42) is never looked at while tuning:
/// a validation split (25% of each user's TRAIN ratings, seed 43) picks the settings, then the best settings
/// are refitted on the whole train split and NDCG@10 on test is reported once.
/// </summary>
internal static class TuneAlsCommand
{
    public static int Run(string[] args)
    {
        string? path = null;
        int[] factors = [32, 64, 128];
        float[] regularization = [0.01f, 0.1f, 1f, 10f];
        float[] alpha = [1f, 3f, 10f, 30f];
        int[] iterations = [15];
        bool[] strength = [false];
        var validationSeed = 43;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--path": path = CommandOptions.Value(args, ref i); break;
                case "--factors": factors = Parse(CommandOptions.Value(args, ref i), int.Parse); break;
                case "--regularization": regularization = Parse(CommandOptions.Value(args, ref i), ParseFloat); break;
                case "--alpha": alpha = Parse(CommandOptions.Value(args, ref i), ParseFloat); break;
                case "--iterations": iterations = Parse(CommandOptions.Value(args, ref i), int.Parse); break;
                case "--strength": strength = Parse(CommandOptions.Value(args, ref i), s => s == "ratings"); break;
                case "--validation-seed": validationSeed = int.Parse(CommandOptions.Value(args, ref i), CultureInfo.InvariantCulture); break;
                default:
                    throw new ArgumentException(
                        $"tune-als: unknown option '{args[i]}'. Options: --path DIR, --factors, --regularization, --alpha, " +
                        "--iterations, --strength (comma-separated lists), --validation-seed N.");
            }
        }

        var location = DataLocator.Locate("ml-latest-small", new DataLocatorOptions { Path = path });
        var ratings = MovieLensLoader.LoadRatings(Path.Combine(location.Path, "ratings.csv"));
        var split = StratifiedPerUserSplitter.Split(ratings, 0.25, 42);
        var validation = StratifiedPerUserSplitter.Split(split.Train, 0.25, validationSeed);
        Console.WriteLine($"Data: {location}; test split: {split}; validation split: {validation}");

        var best = (Ndcg: double.NegativeInfinity, Options: ImplicitAlsOptions.Default);
        var validationTrain = new TrainingData(validation.Train);
        var validationTruth = GroundTruth.FromRatings(validation.Test);
        foreach (var f in factors)
        foreach (var r in regularization)
        foreach (var a in alpha)
        foreach (var n in iterations)
        foreach (var s in strength)
        {
            var options = ImplicitAlsOptions.Default with
            {
                Factors = f, Regularization = r, Alpha = a, Iterations = n, UseRatingsAsStrength = s,
            };
            var (ndcg, seconds) = Evaluate(new ImplicitAls(options), validationTrain, validationTruth);
            Console.WriteLine(FormattableString.Invariant($"  validation NDCG@10 {ndcg:F4}  ({seconds:F1} s)  {new ImplicitAls(options).Name}"));
            if (ndcg > best.Ndcg)
            {
                best = (ndcg, options);
            }
        }

        var (testNdcg, testSeconds) = Evaluate(new ImplicitAls(best.Options), new TrainingData(split.Train), GroundTruth.FromRatings(split.Test));
        Console.WriteLine(FormattableString.Invariant(
            $"Best on validation: {new ImplicitAls(best.Options).Name} (validation NDCG@10 {best.Ndcg:F4}); test NDCG@10 {testNdcg:F4} ({testSeconds:F1} s)."));
        return 0;
    }

    /// <summary>Fits on <paramref name="train"/> and returns binary NDCG@10 over the users of <paramref name="truth"/>.</summary>
    internal static (double Ndcg, double Seconds) Evaluate(IRecommender model, TrainingData train, GroundTruth truth)
    {
        var watch = Stopwatch.StartNew();
        model.Fit(train);
        var recommendations = model.Recommend(truth.UserIds, k: 10);
        return (RankingMetrics.Compute(recommendations, truth, k: 10).Ndcg, watch.Elapsed.TotalSeconds);
    }

    private static float ParseFloat(string text) => float.Parse(text, CultureInfo.InvariantCulture);

    private static T[] Parse<T>(string list, Func<string, T> parse) =>
        list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(parse).ToArray();
}
