using MovieRec.Data;
using MovieRec.Evaluation;
using MovieRec.Models;
using MovieRec.Models.Neural;
using MovieRec.Models.Ranking;
using MovieRec.Tests.Conformance;
using MovieRec.Training;

namespace MovieRec.Tests.Models.Ranking;

[Collection(TorchCollection.Name)]
public sealed class RankingModelTests
{
    [Fact]
    public void LearnsRatingsThatDependOnlyOnGenre()
    {
        // Every user gives Comedy 5 stars and Drama 1 star; movie 30 (Comedy) and 40 (Drama) are rated by one user
        // only, so the other users' predictions for them must come from the genre (and the item bias).
        var movies = new[]
        {
            new Movie(10, "A (2000)", 2000, ["Comedy"]), new Movie(11, "B (2000)", 2000, ["Comedy"]),
            new Movie(20, "C (2000)", 2000, ["Drama"]), new Movie(21, "D (2000)", 2000, ["Drama"]),
            new Movie(30, "E (2000)", 2000, ["Comedy"]), new Movie(40, "F (2000)", 2000, ["Drama"]),
        };
        var rows = new List<(int User, int Movie, float Stars)>();
        for (var u = 1; u <= 6; u++)
        {
            rows.AddRange([(u, 10, 5f), (u, 11, 5f), (u, 20, 1f), (u, 21, 1f)]);
        }

        rows.AddRange([(1, 30, 5f), (1, 40, 1f)]);
        var ratings = new RatingsTable(
            rows.Select(r => r.User).ToArray(), rows.Select(r => r.Movie).ToArray(), rows.Select(r => r.Stars).ToArray(), new long[rows.Count]);
        var model = new RankingModel(RankingModelConformanceTests.SmallOptions);

        model.Fit(new TrainingData(ratings, movies));
        var predicted = model.PredictRatings([2, 2, 3, 3], [30, 40, 30, 40]);

        Assert.True(predicted[0] > predicted[1] + 1, $"Comedy {predicted[0]} should beat Drama {predicted[1]} for user 2.");
        Assert.True(predicted[2] > predicted[3] + 1, $"Comedy {predicted[2]} should beat Drama {predicted[3]} for user 3.");
        Assert.True(RatingMetrics.RootMeanSquaredError(ratings.Ratings, model.PredictRatings(ratings.UserIds, ratings.MovieIds)) < 0.3);
        Assert.Equal(200, model.History!.EpochCount);
        Assert.True(model.ExamplesPerSecond > 0);
    }

    [Fact]
    public void MoviesWithoutMetadataGetTheNoGenreGenreAndUnknownYear()
    {
        var fixture = CheckerboardFixture.Build();
        var known = fixture.Train.Movies!.Where(m => m.MovieId != fixture.MovieIds[0]).ToArray();
        var model = new RankingModel(RankingModelConformanceTests.SmallOptions with { Training = new TrainingOptions { Epochs = 1 } });

        model.Fit(new TrainingData(fixture.Train.Ratings, known));
        var features = model.Features;

        Assert.Equal([0], features.GenreIndices[features.GenreOffsets[0]..features.GenreOffsets[1]]);
        Assert.Equal(0, features.YearBuckets[0]);
        Assert.All(Enumerable.Range(1, features.ItemCount - 1), i => Assert.NotEqual(0, features.GenreIndices[features.GenreOffsets[i]]));
    }

    [Fact]
    public void SavedModelKeepsTheGenresItWasTrainedWith()
    {
        var (model, fixture) = FittedOnCheckerboard(epochs: 3);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "ranking");

        model.Save(folder);
        var loaded = RankingModel.Load(folder);

        Assert.True(File.Exists(Path.Combine(folder, "movies.json")));
        Assert.Equal(model.Features.Genres, loaded.Features.Genres);
        Assert.Equal(model.Features.GenreIndices, loaded.Features.GenreIndices);
        Assert.Equal(model.Features.YearBuckets, loaded.Features.YearBuckets);
        Assert.Equal(
            model.PredictRatings(fixture.UserIds, fixture.UserIds.Select(u => fixture.HeldOut[u]).ToArray()),
            loaded.PredictRatings(fixture.UserIds, fixture.UserIds.Select(u => fixture.HeldOut[u]).ToArray()));
    }

    [Fact]
    public void LoadingAnotherModelTypeIsAClearError()
    {
        var (model, _) = FittedOnCheckerboard(epochs: 1);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "ranking");
        model.Save(folder);

        var error = Assert.Throws<InvalidDataException>(() => Cfnn.Load(folder));

        Assert.Contains(nameof(RankingModel), error.Message);
    }

    [Fact]
    public void CorruptMovieListIsAClearError()
    {
        var (model, _) = FittedOnCheckerboard(epochs: 1);
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "ranking");
        model.Save(folder);

        File.WriteAllText(Path.Combine(folder, "movies.json"), "{ not json");

        var error = Assert.Throws<InvalidDataException>(() => RankingModel.Load(folder));

        Assert.Contains("movies.json", error.Message);
    }

    private static (RankingModel Model, CheckerboardFixture Fixture) FittedOnCheckerboard(int epochs)
    {
        var fixture = CheckerboardFixture.Build();
        var model = new RankingModel(RankingModelConformanceTests.SmallOptions with { Training = new TrainingOptions { Epochs = epochs } });
        model.Fit(fixture.Train);
        return (model, fixture);
    }

    [Theory]
    [InlineData(0, 8, 8, 0.2)]
    [InlineData(8, 0, 8, 0.2)]
    [InlineData(8, 8, -1, 0.2)]
    [InlineData(8, 8, 8, 1.0)]
    public void InvalidOptionsNameTheParameter(int dimension, int genreDimension, int yearDimension, double dropout)
    {
        var options = new RankingModelOptions
        {
            EmbeddingDimension = dimension,
            GenreEmbeddingDimension = genreDimension,
            YearEmbeddingDimension = yearDimension,
            Dropout = dropout,
        };

        var error = Assert.Throws<ArgumentException>(() => new RankingModel(options));

        Assert.Equal("options", error.ParamName);
    }
}
