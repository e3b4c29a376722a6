using System.Text.RegularExpressions;
using MovieRec.Data;
using MovieRec.Models;
using MovieRec.Models.Sequences;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Sequences;

[Collection(TorchCollection.Name)]
public sealed class TransformerRecommenderTests
{
    [Fact]
    public void PredictsTheNextMovieOfAChainNotItsPredecessor()
    {
        var data = SequentialFixtures.ChainHistories();
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions());

        model.Fit(data);
        var users = data.UserVocabulary.Ids.ToArray();
        var result = model.Recommend(users, k: 1);

        var checkedUsers = 0;
        for (var r = 0; r < users.Length; r++)
        {
            if (SequentialFixtures.NextOf(users[r]) is { } next)
            {
                Assert.Equal(next, result.MovieIdsAt(r)[0]);
                checkedUsers++;
            }
        }

        Assert.Equal(23, checkedUsers);
    }

    [Fact]
    public void RecommendFromHistoryContinuesAHistoryNoTrainingUserHad()
    {
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions());
        model.Fit(SequentialFixtures.ChainHistories());

        // Three movies in order; no training user has exactly this history.
        var (movies, scores) = model.RecommendFromHistory([104, 105, 106], k: 3);

        Assert.Equal(107, movies[0]);
        Assert.Equal(3, movies.Length);
        Assert.DoesNotContain(105, movies);
        Assert.True(scores[0] >= scores[1] && scores[1] >= scores[2]);
    }

    [Fact]
    public void RecommendFromHistoryEqualsRecommendForATrainingUserWithTheSameHistory()
    {
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions());
        model.Fit(SequentialFixtures.ChainHistories());

        foreach (var user in new[] { 1, 6, 13, 20 })
        {
            var (expectedMovies, expectedScores) = model.RecommendOne(user, k: 6);
            var (movies, scores) = model.RecommendFromHistory(SequentialFixtures.HistoryOf(user), k: 6);

            Assert.Equal(expectedMovies, movies);
            for (var i = 0; i < scores.Length; i++)
            {
                // The training users' states are computed in one batch; a batch of one may round the last bits differently.
                Assert.Equal(expectedScores[i], scores[i], 1e-4f);
            }
        }
    }

    [Fact]
    public void RecommendFromHistoryCanKeepTheHistory()
    {
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions());
        model.Fit(SequentialFixtures.ChainHistories());

        var (movies, _) = model.RecommendFromHistory([101, 102], k: 12, excludeHistory: false);

        Assert.Equal(SequentialFixtures.Chain, movies.Order().ToArray());
    }

    [Fact]
    public void RecommendFromHistoryNamesUnknownMovies()
    {
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions(epochs: 1));
        model.Fit(SequentialFixtures.ChainHistories());

        var error = Assert.Throws<ArgumentException>(() => model.RecommendFromHistory([101, 555, 102, 777, 555], k: 3));
        var empty = Assert.Throws<ArgumentException>(() => model.RecommendFromHistory([], k: 3));

        Assert.Equal("movieIdsInOrder", error.ParamName);
        Assert.Contains("555", error.Message);
        Assert.Contains("777", error.Message);
        Assert.Contains("2 movie id(s)", error.Message);
        Assert.Equal("movieIdsInOrder", empty.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => model.RecommendFromHistory([101], k: 0));
        Assert.Throws<InvalidOperationException>(() => new TransformerRecommender().RecommendFromHistory([101], k: 1));
    }

    [Fact]
    public void SaveThenLoadKeepsHistoriesAndPredictions()
    {
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions(epochs: 10));
        model.Fit(SequentialFixtures.ChainHistories());
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "transformer");

        model.Save(folder);
        var loaded = TransformerRecommender.Load(folder);

        Assert.Equal(model.Options.MaximumSequenceLength, loaded.Options.MaximumSequenceLength);
        Assert.Equal(model.Recommend([1, 2, 3], k: 5).Scores, loaded.Recommend([1, 2, 3], k: 5).Scores);
        var (expectedMovies, expectedScores) = model.RecommendFromHistory([103, 104], k: 5);
        var (movies, scores) = loaded.RecommendFromHistory([103, 104], k: 5);
        Assert.Equal(expectedMovies, movies);
        Assert.Equal(expectedScores, scores);
        Assert.Null(loaded.History);
    }

    [Fact]
    public void LoadingWeightsIntoAnotherConfigurationIsAClearError()
    {
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions(epochs: 1));
        model.Fit(SequentialFixtures.ChainHistories());
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "transformer");
        model.Save(folder);
        var configuration = Path.Combine(folder, "configuration.json");
        File.WriteAllText(configuration, Regex.Replace(File.ReadAllText(configuration), "\"EmbeddingDimension\": 16", "\"EmbeddingDimension\": 32"));

        var error = Assert.Throws<InvalidDataException>(() => TransformerRecommender.Load(folder));

        Assert.Contains("does not match the model's configuration", error.Message);
        Assert.Contains("item_embedding", error.Message);
    }

    [Fact]
    public void ValidationOnTheLastMovieDrivesEarlyStopping()
    {
        var options = SequentialFixtures.TinyOptions(epochs: 4) with { ValidateOnLastItem = true, ValidationCutoff = 3 };
        var model = new TransformerRecommender(options);

        model.Fit(SequentialFixtures.ChainHistories());

        Assert.Equal("ndcg@3", model.History!.PrimaryMetric);
        Assert.Equal(4, model.History.EpochCount);
        Assert.All(model.History.Records, r => Assert.InRange(r.ValidationMetrics["hr@3"], 0, 1));
        Assert.InRange(model.History.BestEpoch, 1, 4);
        Assert.True(model.ExamplesPerSecond > 0);
    }

    [Fact]
    public void SampledSoftmaxAlsoLearnsTheChain()
    {
        var model = new TransformerRecommender(SequentialFixtures.TinyOptions() with { SampledNegatives = 6 });

        model.Fit(SequentialFixtures.ChainHistories());
        var result = model.Recommend([1, 2, 3, 4], k: 1);

        Assert.Equal(new[] { 1, 2, 3, 4 }.Select(u => SequentialFixtures.NextOf(u)!.Value).ToArray(), result.MovieIds);
    }

    [Fact]
    public void SameSeedGivesTheSameModel()
    {
        var data = SequentialFixtures.ChainHistories();
        var first = new TransformerRecommender(SequentialFixtures.TinyOptions(epochs: 3) with { Dropout = 0.3 });
        var second = new TransformerRecommender(SequentialFixtures.TinyOptions(epochs: 3) with { Dropout = 0.3 });

        first.Fit(data);
        second.Fit(data);

        Assert.Equal(first.History!.Losses, second.History!.Losses);
        Assert.Equal(first.Recommend([1, 2], 3).Scores, second.Recommend([1, 2], 3).Scores);
    }

    [Fact]
    public void UsersWithOneMovieOnlyAreAClearDataError()
    {
        var ratings = new RatingsTable([1, 2], [10, 20], [4f, 5f], [1L, 2L]);

        var error = Assert.Throws<ArgumentException>(() => new TransformerRecommender(SequentialFixtures.TinyOptions()).Fit(new TrainingData(ratings)));

        Assert.Equal("data", error.ParamName);
        Assert.Contains("two or more", error.Message);
    }

    [Theory]
    [InlineData(0, 16, 1, 1)]
    [InlineData(8, 0, 1, 1)]
    [InlineData(8, 16, 0, 1)]
    [InlineData(8, 16, 1, 3)]
    public void InvalidOptionsNameTheParameter(int length, int dimension, int blocks, int heads)
    {
        var options = new TransformerRecommenderOptions
        {
            MaximumSequenceLength = length, EmbeddingDimension = dimension, NumberOfBlocks = blocks, NumberOfHeads = heads,
        };

        var error = Assert.Throws<ArgumentException>(() => new TransformerRecommender(options));

        Assert.Equal("options", error.ParamName);
    }

    [Fact]
    public void IsNotARatingPredictor()
    {
        Assert.IsNotAssignableFrom<IRatingPredictor>(new TransformerRecommender());
    }
}
