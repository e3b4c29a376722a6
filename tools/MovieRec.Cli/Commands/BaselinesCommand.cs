using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Splits;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec baselines [--data NAME] [--path DIR] [--tune]`: evaluates Popularity, BiasBaseline, ItemKnn and
/// Ease on the standard protocol (stratified per-user 75/25 split, seed 42, top-10 excluding seen movies,
/// every held-out rating relevant) and the bias baseline's RMSE on a random 80/20 split (seed 42), with
/// the time of each Fit. With --tune it first grid-searches EASE's λ and ItemKnn's k and shrinkage on a
/// validation split carved from the training part (stratified 75/25, seed 7): the test part is never used
/// to choose them.
/// </summary>
internal static class BaselinesCommand
{
    private const int K = 10;
    private const int ValidationSeed = 7;

    public static int Run(string[] args)
    {
        var name = "ml-latest-small";
        string? path = null;
        var tune = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data":
                    name = SummaryCommand.OptionValue(args, ref i);
                    break;
                case "--path":
                    path = SummaryCommand.OptionValue(args, ref i);
                    break;
                case "--tune":
                    tune = true;
                    break;
                default:
                    throw new ArgumentException($"baselines: unknown option '{args[i]}'. Options: --data NAME, --path DIR, --tune.");
            }
        }

        var location = DataLocator.Locate(name, new DataLocatorOptions { Path = path });
        Console.WriteLine($"Data: {location}");
        var ratings = MovieLensLoader.Load(location.Path, new MovieLensLoadOptions { LoadTags = false, LoadLinks = false }).Ratings;
        var split = StratifiedPerUserSplitter.Split(ratings, testFraction: 0.25, seed: 42);
        Console.WriteLine($"Standard protocol: {split}");

        var easeOptions = EaseOptions.Default;
        var knnOptions = ItemKnnOptions.Default;
        if (tune)
        {
            (easeOptions, knnOptions) = Tune(split.Train);
        }

        var train = new TrainingData(split.Train);
        var truth = GroundTruth.FromRatings(split.Test);
        Console.WriteLine($"Test: top-{K} excluding seen, NDCG@{K} over {truth.Count} users");
        Console.WriteLine($"  {"model",-40} {"NDCG@10",8} {"P@10",7} {"R@10",7} {"MAP@10",7} {"fit s",7} {"rec s",7}");
        foreach (var model in new IRecommender[] { new Popularity(), new BiasBaseline(), new ItemKnn(knnOptions), new Ease(easeOptions) })
        {
            var (metrics, fitSeconds, recommendSeconds) = Evaluate(model, train, truth);
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {model.Name,-40} {metrics.Ndcg,8:F4} {metrics.Precision,7:F4} {metrics.Recall,7:F4} {metrics.MeanAveragePrecision,7:F4} {fitSeconds,7:F2} {recommendSeconds,7:F2}"));
        }

        var ratingSplit = RandomSplitter.Split(ratings, testFraction: 0.2, seed: 42);
        var bias = new BiasBaseline();
        var stopwatch = Stopwatch.StartNew();
        bias.Fit(ratingSplit.Train);
        var fit = stopwatch.Elapsed.TotalSeconds;
        var predicted = bias.PredictRatings(ratingSplit.Test.UserIds, ratingSplit.Test.MovieIds);
        var rating = RatingMetrics.Compute(ratingSplit.Test.Ratings, predicted);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Rating split {ratingSplit}: {bias.Name} RMSE {rating.RootMeanSquaredError:F4}, MAE {rating.MeanAbsoluteError:F4} (fit {fit:F2} s)"));
        return 0;
    }

    private static (RankingMetricsResult Metrics, double FitSeconds, double RecommendSeconds) Evaluate(
        IRecommender model, TrainingData train, GroundTruth truth)
    {
        var stopwatch = Stopwatch.StartNew();
        model.Fit(train);
        var fitSeconds = stopwatch.Elapsed.TotalSeconds;
        stopwatch.Restart();
        var recommendations = model.Recommend(truth.UserIds, K);
        var recommendSeconds = stopwatch.Elapsed.TotalSeconds;
        return (RankingMetrics.Compute(recommendations, truth, K), fitSeconds, recommendSeconds);
    }

    private static (EaseOptions Ease, ItemKnnOptions ItemKnn) Tune(RatingsTable trainRatings)
    {
        var validation = StratifiedPerUserSplitter.Split(trainRatings, testFraction: 0.25, seed: ValidationSeed);
        Console.WriteLine($"Tuning on a validation split of the training part: {validation}");
        var train = new TrainingData(validation.Train);
        var truth = GroundTruth.FromRatings(validation.Test);

        var bestEase = (Ndcg: double.NegativeInfinity, Options: EaseOptions.Default);
        foreach (var lambda in new double[] { 50, 100, 200, 300, 400, 500, 700, 1000, 1500, 2500 })
        {
            var options = new EaseOptions { Lambda = lambda };
            var (metrics, fitSeconds, _) = Evaluate(new Ease(options), train, truth);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  Ease lambda={lambda,-6} NDCG@10 {metrics.Ndcg:F4} (fit {fitSeconds:F2} s)"));
            if (metrics.Ndcg > bestEase.Ndcg)
            {
                bestEase = (metrics.Ndcg, options);
            }
        }

        var bestKnn = (Ndcg: double.NegativeInfinity, Options: ItemKnnOptions.Default);
        foreach (var useRatings in new[] { false, true })
        {
            foreach (var neighbours in new[] { 20, 50, 100, 200 })
            {
                foreach (var shrinkage in new double[] { 0, 10, 50, 100, 200 })
                {
                    var options = new ItemKnnOptions { NeighbourhoodSize = neighbours, Shrinkage = shrinkage, UseRatings = useRatings };
                    var model = new ItemKnn(options);
                    var (metrics, fitSeconds, _) = Evaluate(model, train, truth);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {model.Name,-40} NDCG@10 {metrics.Ndcg:F4} (fit {fitSeconds:F2} s)"));
                    if (metrics.Ndcg > bestKnn.Ndcg)
                    {
                        bestKnn = (metrics.Ndcg, options);
                    }
                }
            }
        }

        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"Chosen on validation: Ease lambda={bestEase.Options.Lambda} (NDCG@10 {bestEase.Ndcg:F4}); " +
            $"{new ItemKnn(bestKnn.Options).Name} (NDCG@10 {bestKnn.Ndcg:F4})"));
        return (bestEase.Options, bestKnn.Options);
    }
}
