using System.Globalization;
using System.Text.Json;
using MovieRec.Training;

namespace MovieRec.Models.Ranking;

/// <summary>
/// Retrieve, then re-rank: a retriever (any <see cref="IRecommender"/>, typically the two-tower model)
/// proposes its top <see cref="TwoStageOptions.CandidateCount"/> movies per user — exclusions applied by the
/// retriever as <see cref="RecommendOptions"/> say — and a ranker (an <see cref="IRatingPredictor"/>, typically
/// <see cref="RankingModel"/>) orders them by its score; the top k are returned.
/// </summary>
/// <remarks>
/// The ranking score is the ranker's <see cref="IRecommender.Score"/> — for the neural rating models the
/// predicted rating before clipping, since clipping to 5 stars would tie the best candidates — and, where
/// the ranker cannot score a pair (NaN: a user or movie it never saw), its <see cref="IRatingPredictor.PredictRatings"/>
/// fallback; optionally minus a retrieval-rank penalty (<see cref="TwoStageOptions.RetrievalRankWeight"/>).
/// The catalogue is the retriever's: <see cref="Score"/> is NaN where the retriever's score is, and
/// <see cref="SimilarItems"/> is the retriever's. Each user's candidates are scored in their own call, so a
/// user's row is the same alone or in a batch.
/// </remarks>
public sealed class TwoStageRecommender : IRecommender
{
    private const string ConfigurationFile = "two-stage.json";
    private const string RetrieverFolder = "retriever";
    private const string RankerFolder = "ranker";
    private const int FormatVersion = 1;
    private bool _fitted;

    /// <summary>An unfitted two-stage model with the default options; <see cref="Fit"/> fits both stages.</summary>
    public TwoStageRecommender(IRecommender retriever, IRatingPredictor ranker)
        : this(retriever, ranker, new TwoStageOptions())
    {
    }

    /// <summary>An unfitted two-stage model; <see cref="Fit"/> fits both stages.</summary>
    /// <param name="retriever">Proposes candidates (fitted by <see cref="Fit"/>).</param>
    /// <param name="ranker">Orders them (fitted by <see cref="Fit"/>).</param>
    /// <param name="options">Candidate count and blending (validated here).</param>
    /// <exception cref="ArgumentException">An option is out of range (parameter "options").</exception>
    public TwoStageRecommender(IRecommender retriever, IRatingPredictor ranker, TwoStageOptions options)
    {
        ArgumentNullException.ThrowIfNull(retriever);
        ArgumentNullException.ThrowIfNull(ranker);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(nameof(options));
        Retriever = retriever;
        Ranker = ranker;
        Options = options;
    }

    /// <summary>The first stage.</summary>
    public IRecommender Retriever { get; }

    /// <summary>The second stage.</summary>
    public IRatingPredictor Ranker { get; }

    /// <summary>The configuration.</summary>
    public TwoStageOptions Options { get; }

    /// <inheritdoc/>
    public string Name
    {
        get
        {
            var blend = Options.RetrievalRankWeight > 0
                ? string.Create(CultureInfo.InvariantCulture, $", rank weight={Options.RetrievalRankWeight:G3}")
                : "";
            return $"TwoStage({Retriever.Name} → {Ranker.Name}, candidates={Options.CandidateCount}{blend})";
        }
    }

    /// <summary>
    /// Combines two models that are already fitted (e.g. a notebook's two-tower model and ranking model, both
    /// fitted on the same training split) without refitting them.
    /// </summary>
    /// <exception cref="ArgumentException">A stage is not fitted (parameter "retriever" or "ranker"), or an option is out of range.</exception>
    public static TwoStageRecommender FromFitted(IRecommender retriever, IRatingPredictor ranker, TwoStageOptions? options = null)
    {
        var model = new TwoStageRecommender(retriever, ranker, options ?? new TwoStageOptions());
        RequireFitted(retriever, nameof(retriever));
        RequireFitted(ranker, nameof(ranker));
        model._fitted = true;
        return model;
    }

    /// <summary>Fits the retriever, then the ranker, on the same data.</summary>
    /// <exception cref="ArgumentException">A stage cannot learn from <paramref name="data"/>.</exception>
    public void Fit(TrainingData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        _fitted = false;
        Retriever.Fit(data);
        Ranker.Fit(data);
        _fitted = true;
    }

    /// <inheritdoc/>
    public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
    {
        EnsureFitted();
        ArgumentNullException.ThrowIfNull(userIds);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var candidates = Retriever.Recommend(userIds, Math.Max(k, Options.CandidateCount), options);
        var rows = candidates.Count;
        var ids = new int[(long)rows * k];
        var scores = new float[ids.Length];
        var lengths = new int[rows];
        Parallel.For(0, rows, r =>
        {
            var movies = candidates.MovieIdsAt(r).ToArray();
            var rowScores = RankScores(candidates.QueryIds[r], movies, rank => rank);
            var order = Enumerable.Range(0, movies.Length)
                .OrderByDescending(i => rowScores[i])
                .ThenBy(i => movies[i])
                .Take(k)
                .ToArray();
            for (var i = 0; i < order.Length; i++)
            {
                ids[(r * k) + i] = movies[order[i]];
                scores[(r * k) + i] = rowScores[order[i]];
            }

            lengths[r] = order.Length;
        });

        return Recommendations.FromStrided((int[])userIds.Clone(), k, lengths, ids, scores);
    }

    /// <summary>
    /// The re-ranking score of each pair (what <see cref="Recommend"/> reports), NaN where the retriever cannot
    /// score the pair. With a retrieval-rank weight, a pair's rank is its position among the user's
    /// candidates under <see cref="RecommendOptions.Default"/>; a movie outside them gets rank CandidateCount.
    /// </summary>
    public float[] Score(int[] userIds, int[] movieIds)
    {
        EnsureFitted();
        var known = Retriever.Score(userIds, movieIds);
        var result = new float[known.Length];
        Array.Fill(result, float.NaN);
        var byUser = Enumerable.Range(0, known.Length).Where(i => !float.IsNaN(known[i])).GroupBy(i => userIds[i]).ToArray();
        Dictionary<int, Dictionary<int, int>>? ranks = null;
        if (Options.RetrievalRankWeight > 0 && byUser.Length > 0)
        {
            var users = byUser.Select(g => g.Key).ToArray();
            var lists = Retriever.Recommend(users, Options.CandidateCount);
            ranks = users.Select((u, r) => (u, r)).ToDictionary(
                p => p.u, p => lists.MovieIdsAt(p.r).ToArray().Select((m, position) => (m, position)).ToDictionary(q => q.m, q => q.position));
        }

        foreach (var group in byUser)
        {
            var positions = group.ToArray();
            var movies = positions.Select(i => movieIds[i]).ToArray();
            var userRanks = ranks?[group.Key];
            var values = RankScores(
                group.Key, movies, i => userRanks is not null && userRanks.TryGetValue(movies[i], out var rank) ? rank : Options.CandidateCount);
            for (var p = 0; p < positions.Length; p++)
            {
                result[positions[p]] = values[p];
            }
        }

        return result;
    }

    /// <inheritdoc/>
    public Recommendations SimilarItems(int[] movieIds, int k)
    {
        EnsureFitted();
        return Retriever.SimilarItems(movieIds, k);
    }

    /// <summary>
    /// Writes two-stage.json, manifest.json and both stages into the subfolders "retriever" and "ranker"
    /// (each saved by its own Save), all through one temporary folder renamed into place.
    /// </summary>
    public void Save(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        EnsureFitted();
        AtomicDirectory.Write(directory, temporary =>
        {
            Retriever.Save(Path.Combine(temporary, RetrieverFolder));
            Ranker.Save(Path.Combine(temporary, RankerFolder));
            var configuration = new SavedConfiguration(FormatVersion, Options);
            AtomicFile.WriteAllText(
                Path.Combine(temporary, ConfigurationFile), JsonSerializer.Serialize(configuration, new JsonSerializerOptions { WriteIndented = true }));
            RecommenderStore.WriteManifest(temporary, this);
        });
    }

    /// <summary>Loads a model saved by <see cref="Save"/>; each stage is loaded through <see cref="RecommenderStore.Load"/>.</summary>
    /// <exception cref="InvalidDataException">A file is missing or corrupt, the folder holds another model type, or the saved ranker does not predict ratings.</exception>
    public static TwoStageRecommender Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        var manifest = RecommenderStore.ReadManifest(directory);
        if (manifest.Type != typeof(TwoStageRecommender).FullName)
        {
            throw new InvalidDataException($"'{directory}' holds a {manifest.Type}, not a {nameof(TwoStageRecommender)}.");
        }

        var path = Path.Combine(directory, ConfigurationFile);
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"'{directory}' is not a complete two-stage model: {ConfigurationFile} is missing.");
        }

        SavedConfiguration? configuration;
        try
        {
            configuration = JsonSerializer.Deserialize<SavedConfiguration>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a valid two-stage configuration ({e.Message}).", e);
        }

        if (configuration?.Options is null || configuration.FormatVersion != FormatVersion)
        {
            throw new InvalidDataException($"{path}: expected format version {FormatVersion} with options.");
        }

        try
        {
            configuration.Options.Validate("options");
        }
        catch (ArgumentException e)
        {
            throw new InvalidDataException($"{path}: invalid options ({e.Message}).", e);
        }

        var retriever = RecommenderStore.Load(Path.Combine(directory, RetrieverFolder));
        var ranker = RecommenderStore.Load(Path.Combine(directory, RankerFolder)) as IRatingPredictor
            ?? throw new InvalidDataException($"'{Path.Combine(directory, RankerFolder)}' holds a model that does not predict ratings.");
        return new TwoStageRecommender(retriever, ranker, configuration.Options) { _fitted = true };
    }

    /// <summary>Ranker scores of one user's movies (NaN → the ranker's fallback rating), minus the rank penalty.</summary>
    private float[] RankScores(int userId, int[] movieIds, Func<int, int> retrievalRank)
    {
        var users = new int[movieIds.Length];
        Array.Fill(users, userId);
        var scores = Ranker.Score(users, movieIds);
        var missing = Enumerable.Range(0, scores.Length).Where(i => float.IsNaN(scores[i])).ToArray();
        if (missing.Length > 0)
        {
            var fallback = Ranker.PredictRatings(missing.Select(_ => userId).ToArray(), missing.Select(i => movieIds[i]).ToArray());
            for (var p = 0; p < missing.Length; p++)
            {
                scores[missing[p]] = fallback[p];
            }
        }

        var weight = Options.RetrievalRankWeight;
        if (weight > 0)
        {
            for (var i = 0; i < scores.Length; i++)
            {
                scores[i] -= (float)(weight * Math.Log(1 + retrievalRank(i)));
            }
        }

        return scores;
    }

    private static void RequireFitted(IRecommender model, string parameterName)
    {
        ArgumentNullException.ThrowIfNull(model, parameterName);
        try
        {
            model.Score([], []);
        }
        catch (InvalidOperationException e)
        {
            throw new ArgumentException($"{model.Name} is not fitted: fit or load it before combining ({e.Message}).", parameterName, e);
        }
    }

    private void EnsureFitted()
    {
        if (!_fitted)
        {
            throw new InvalidOperationException($"{Name} is not fitted: call Fit, FromFitted or Load first.");
        }
    }

    /// <summary>Contents of two-stage.json.</summary>
    private sealed record SavedConfiguration(int FormatVersion, TwoStageOptions Options);
}
