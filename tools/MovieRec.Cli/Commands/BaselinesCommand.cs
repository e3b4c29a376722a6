using System.Diagnostics;
using System.Globalization;
using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Splits;

namespace MovieRec.Cli.Commands;

/// <summary>
/// `movierec baselines [--data NAME] [--path DIR] [--tune]`: evaluates Popularity, BiasBaseline, ItemKnn, ImplicitAls and
/// Ease on the standard protocol (stratified per-user 75/25 split, seed 42, top-10 excluding seen movies,
/// every held-out rating relevant) and the bias baseline's RMSE on a random 80/20 split (seed 42), with
/// the time of each Fit, all through <see cref="Protocol.Run"/> with 95% bootstrap intervals. With --tune it first grid-searches EASE's λ and ItemKnn's k and shrinkage on a
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
                    name = CommandOptions.Value(args, ref i);
                    break;
                case "--path":
                    path = CommandOptions.Value(args, ref i);
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
        var dataset = MovieLensLoader.Load(location.Path, new MovieLensLoadOptions { LoadTags = false, LoadLinks = false });
        var protocol = Protocol.Default;
        Console.WriteLine($"Protocol: {protocol}");

        var easeOptions = EaseOptions.Default;
        var knnOptions = ItemKnnOptions.Default;
        if (tune)
        {
            (easeOptions, knnOptions) = Tune(protocol.RankingSplit(dataset.Ratings).Train);
        }

        // Every model goes through the project's one evaluation path (Protocol.Run → Evaluator), so these
        // numbers are the ones the notebooks and the leaderboard report.
        Func<IRecommender>[] models =
        [
            () => new Popularity(),
            () => new BiasBaseline(),
            () => new ItemKnn(knnOptions),
            () => new Ease(easeOptions),
            () => new ImplicitAls(),
        ];
        Console.WriteLine($"  {"model",-54} {"NDCG@10 [95% CI]",-26} {"P@10",7} {"R@10",7} {"MAP@10",7} {"fit s",7} {"rec s",7}  RMSE (80/20)");
        foreach (var create in models)
        {
            var result = protocol.Run(create, dataset.Ratings, dataset.Movies);
            var ndcg = result.Ndcg;
            var rmse = result.Rating is { } rating ? $"{rating.Rmse.Estimate:F4} [{rating.Rmse.Lower:F4}, {rating.Rmse.Upper:F4}]" : "-";
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"  {result.ModelName,-54} {$"{ndcg.Estimate:F4} [{ndcg.Lower:F4}, {ndcg.Upper:F4}]",-26} {result.Precision.Estimate,7:F4} " +
                $"{result.Recall.Estimate,7:F4} {result.MeanAveragePrecision.Estimate,7:F4} {result.Timing.Fit?.TotalSeconds ?? double.NaN,7:F2} " +
                $"{result.Timing.Recommend.TotalSeconds,7:F2}  {rmse}"));
        }

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
