using System.Text.Json.Nodes;
using MovieRec.Data;
using MovieRec.Features;
using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Models.TwoTower;
using MovieRec.Tests.Conformance;
using MovieRec.Torch;
using static TorchSharp.torch;

namespace MovieRec.Tests.Models.TwoTower;

/// <summary>The EASE-distillation loss (<see cref="TwoTowerLoss.EaseDistillation"/>), its teacher, sum pooling and the preset.</summary>
[Collection(TorchCollection.Name)]
public sealed class EaseDistillationTests
{
    /// <summary>The preset's linear student at d = 8 with a short schedule, for the checkerboard.</summary>
    internal static TwoTowerOptions SmallDistilled(int seed = 11) => TwoTowerOptions.EaseDistilled with
    {
        EmbeddingDimension = 8,
        TeacherLambda = 1,
        Training = TwoTowerOptions.EaseDistilled.Training with { Epochs = 150, LearningRate = 0.01, Seed = seed },
    };

    private static TrainingData Ratings(params (int User, int Movie)[] pairs) => new(new RatingsTable(
        pairs.Select(p => p.User).ToArray(), pairs.Select(p => p.Movie).ToArray(), pairs.Select(_ => 4f).ToArray(), new long[pairs.Length]));

    private static (TwoTowerModel Model, TwoTowerOptions Options) Student(TrainingData data)
    {
        TorchNative.EnsureLoaded();
        var options = SmallDistilled();
        var features = ItemFeatureTable.Build(data.ItemVocabulary, data.Movies, options.YearBucketWidth);
        manual_seed(3);
        return (new TwoTowerModel(data.UserVocabulary.Count, features, options), options);
    }

    [Fact]
    public void TheLossIsTheMeanPerUserSquaredErrorOverUnratedMoviesOnly()
    {
        // User 1 rated movie 10; user 2 rated 20 and 30. With every student weight zero the student scores 0, so the
        // loss is the mean over users of Σ over unrated movies of t²: user 1 → 1² + 2² = 5, user 2 → 3² = 9; mean 7.
        // The teacher's scores on rated movies (100, 200, 300) must not count.
        var data = Ratings((1, 10), (2, 20), (2, 30));
        var (model, options) = Student(data);
        using var scope = NewDisposeScope();
        using (no_grad())
        {
            foreach (var parameter in model.parameters())
            {
                parameter.zero_();
            }
        }

        using var task = new EaseDistillationTrainingTask(model, options, data.SeenItems, validation: null, [100, 1, 2, 3, 200, 300]);
        var both = arange(2, dtype: ScalarType.Int64);

        Assert.Equal(new[] { true, false, false, false, true, true }, task.SeenMask(both).data<bool>().ToArray());
        Assert.Equal(7f, task.Loss(both).item<float>(), 5);
        Assert.Equal(5f, task.Loss(tensor(new long[] { 0 })).item<float>(), 5);
        Assert.Equal(9f, task.Loss(tensor(new long[] { 1 })).item<float>(), 5);
    }

    [Fact]
    public void WithARandomStudentTheLossComparesTeacherAndStudentScoresOnUnratedMovies()
    {
        var data = Ratings((1, 10), (2, 20), (2, 30));
        var (model, options) = Student(data);
        using var scope = NewDisposeScope();
        float[] teacher = [100, 1, 2, 3, 200, 300];
        using var task = new EaseDistillationTrainingTask(model, options, data.SeenItems, validation: null, teacher);
        var both = arange(2, dtype: ScalarType.Int64);

        var student = task.StudentScores(both).detach().data<float>().ToArray();
        bool[] seen = [true, false, false, false, true, true];
        var expected = Enumerable.Range(0, 6).Where(e => !seen[e]).Sum(e => Math.Pow(teacher[e] - student[e], 2)) / 2;

        Assert.Equal(expected, task.Loss(both).item<float>(), 4);
        Assert.Contains(student, s => s != 0);
    }

    [Fact]
    public void TheTeacherScoresAreEasesScoresAndUnseenMoviesScoreZero()
    {
        TorchNative.EnsureLoaded();
        var data = Ratings((1, 10), (1, 20), (2, 20), (2, 30), (3, 10), (3, 30), (3, 40), (4, 40));
        var ease = new Ease(new EaseOptions { Lambda = 2 });
        ease.Fit(data);
        var users = data.UserVocabulary.Ids.ToArray();
        var movies = data.ItemVocabulary.Ids.ToArray();
        var pairsUsers = users.SelectMany(u => movies.Select(_ => u)).ToArray();
        var pairsMovies = users.SelectMany(_ => movies).ToArray();

        var scores = EaseTeacher.Scores(data, data.SeenItems, data.ItemVocabulary, lambda: 2);

        Assert.Equal(ease.Score(pairsUsers, pairsMovies), scores);

        // A teacher fitted on fewer ratings (movie 40 carved out for validation) gives movie 40 a score of 0, and the
        // student's rows keep their own item order.
        var carved = Ratings((1, 10), (1, 20), (2, 20), (2, 30), (3, 10), (3, 30));
        var fit = SeenItems.Build(carved.Ratings, data.UserVocabulary, data.ItemVocabulary);
        var partial = EaseTeacher.Scores(carved, fit, data.ItemVocabulary, lambda: 2);
        var small = new Ease(new EaseOptions { Lambda = 2 });
        small.Fit(carved);
        Assert.True(data.ItemVocabulary.TryGetIndex(40, out var column));
        for (var u = 0; u < 3; u++)
        {
            Assert.Equal(0f, partial[(u * movies.Length) + column]);
            Assert.Equal(small.Score([users[u]], [10])[0], partial[u * movies.Length]);
        }
    }

    [Fact]
    public void TooLargeATeacherMatrixIsRefusedWithTheSizes()
    {
        EaseTeacher.CheckSize(610, 9_742, "data");

        var error = Assert.Throws<ArgumentException>(() => EaseTeacher.CheckSize(200_000, 60_000, "data"));

        Assert.Equal("data", error.ParamName);
        Assert.Contains("200,000 users × 60,000 movies", error.Message);
        Assert.Contains("44.7 GiB, over the 2 GiB limit", error.Message);
        Assert.Contains("movies × movies", error.Message);
    }

    [Fact]
    public void TheSameSeedGivesTheSameVectorsAndAnotherSeedOtherOnes()
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 12, groupBUsers: 8, itemsPerBlock: 6);
        TwoTowerRecommender Fit(int seed)
        {
            var model = new TwoTowerRecommender(SmallDistilled(seed) with { Training = SmallDistilled(seed).Training with { Epochs = 20 } });
            model.Fit(fixture.Train);
            return model;
        }

        var first = Fit(5);
        var second = Fit(5);
        var other = Fit(6);

        Assert.Equal(first.UserVectors(), second.UserVectors());
        Assert.Equal(first.ItemVectors(), second.ItemVectors());
        Assert.NotEqual(first.ItemVectors(), other.ItemVectors());
        Assert.Equal(20, first.History!.EpochCount);
        Assert.True(first.History.Losses[^1] < first.History.Losses[0], $"losses {string.Join(", ", first.History.Losses)}");
    }

    [Fact]
    public void ColdStartMatchesAKnownUserAndSumPoolingAddsTheMoviesScores()
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 12, groupBUsers: 8, itemsPerBlock: 6);
        var model = new TwoTowerRecommender(SmallDistilled() with { Training = SmallDistilled().Training with { Epochs = 30 } });
        model.Fit(fixture.Train);
        var userId = fixture.UserIds[0];
        Assert.True(fixture.Train.UserVocabulary.TryGetIndex(userId, out var user));
        var ratings = fixture.Train.SeenItems.ItemsOf(user).ToArray().Select(i => (fixture.Train.ItemVocabulary.IdAt(i), 4f)).ToArray();

        var known = model.Recommend([userId], k: 5);
        var cold = model.RecommendFromRatings(ratings, k: 5);

        Assert.Equal(known.MovieIdsAt(0).ToArray(), cold.MovieIdsAt(0).ToArray());
        Assert.Equal(known.ScoresAt(0).ToArray(), cold.ScoresAt(0).ToArray(), (a, b) => Math.Abs(a - b) < 1e-5f);

        // Sum pooling with embedding-only towers: the user vector of two movies is the sum of the one-movie vectors, so
        // every movie's score is the sum of its two one-movie scores (a mean would give half of it).
        var all = fixture.MovieIds.Length;
        Dictionary<int, float> ScoresOf(params (int, float)[] history)
        {
            var result = model.RecommendFromRatings(history, k: all, excludeRated: false);
            return result.MovieIdsAt(0).ToArray().Zip(result.ScoresAt(0).ToArray()).ToDictionary(p => p.First, p => p.Second);
        }

        var first = ScoresOf(ratings[0]);
        var second = ScoresOf(ratings[1]);
        var both = ScoresOf(ratings[0], ratings[1]);
        Assert.Equal(all, both.Count);
        Assert.All(fixture.MovieIds, m => Assert.Equal(first[m] + second[m], both[m], 4));
        Assert.Contains(fixture.MovieIds, m => Math.Abs(both[m]) > 1e-3);
    }

    [Fact]
    public void TheDistilledStudentLearnsTheCheckerboard()
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 24, groupBUsers: 16, itemsPerBlock: 8);
        var model = new TwoTowerRecommender(SmallDistilled());

        model.Fit(fixture.Train);

        var result = model.Recommend(fixture.UserIds, k: 1);
        var hits = Enumerable.Range(0, result.Count).Count(r => result.MovieIdsAt(r)[0] == fixture.HeldOut[result.QueryIds[r]]);
        Assert.Equal(fixture.UserIds.Length, hits);
        Assert.Equal(150, model.History!.EpochCount);
        Assert.Empty(model.History.ValidationValues);
    }

    [Fact]
    public void DistillationSettingsAreSavedAndAFolderWithoutThemLoadsWithTheOldValues()
    {
        var fixture = CheckerboardFixture.Build(groupAUsers: 12, groupBUsers: 8, itemsPerBlock: 6);
        var options = SmallDistilled() with { TeacherLambda = 5, Training = SmallDistilled().Training with { Epochs = 10 } };
        var model = new TwoTowerRecommender(options);
        model.Fit(fixture.Train);
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "distilled");
        var users = fixture.UserIds.SelectMany(u => fixture.MovieIds.Select(_ => u)).ToArray();
        var movies = fixture.UserIds.SelectMany(_ => fixture.MovieIds).ToArray();

        model.Save(folder);
        var loaded = TwoTowerRecommender.Load(folder);

        Assert.Equal(model.Score(users, movies), loaded.Score(users, movies));
        Assert.Equal(model.UserVectors(), loaded.UserVectors());
        Assert.Equal(
            (TwoTowerLoss.EaseDistillation, HistoryPooling.Sum, true, 5.0, false, false),
            (loaded.Options.Loss, loaded.Options.HistoryPooling, loaded.Options.EmbeddingOnlyTowers, loaded.Options.TeacherLambda,
             loaded.Options.NormalizeEmbeddings, loaded.Options.ShareItemEmbeddings));
        Assert.Empty(loaded.Options.HiddenSizes);

        // A folder written before these settings existed has no such keys and a mean-pooled model: it loads with Mean and
        // the EASE default λ, and scores as before.
        var meanModel = new TwoTowerRecommender(TwoTowerConformanceTests.SmallOptions with
        {
            Training = TwoTowerConformanceTests.SmallOptions.Training with { Epochs = 2 },
        });
        meanModel.Fit(fixture.Train);
        var oldFolder = Path.Combine(dir.Path, "old");
        meanModel.Save(oldFolder);
        var path = Path.Combine(oldFolder, "two-tower.json");
        var json = JsonNode.Parse(File.ReadAllText(path))!;
        var saved = json["Options"]!.AsObject();
        Assert.True(saved.Remove("HistoryPooling") && saved.Remove("TeacherLambda") && saved.Remove("EmbeddingOnlyTowers"));
        File.WriteAllText(path, json.ToJsonString());
        var old = TwoTowerRecommender.Load(oldFolder);

        Assert.Equal(meanModel.Score(users, movies), old.Score(users, movies));
        Assert.Equal((HistoryPooling.Mean, false, 300.0), (old.Options.HistoryPooling, old.Options.EmbeddingOnlyTowers, old.Options.TeacherLambda));

        // Pooling is architecture: loading the sum-pooled folder with mean pooling names the difference.
        var error = Assert.Throws<ArgumentException>(() => TwoTowerRecommender.Load(folder, options with { HistoryPooling = HistoryPooling.Mean }));
        Assert.Contains("HistoryPooling: Mean vs Sum", error.Message);
    }

    [Fact]
    public void ThePresetIsValidAndDocumentsItsSettings()
    {
        var options = TwoTowerOptions.EaseDistilled;

        options.Validate();
        Assert.Equal(TwoTowerLoss.EaseDistillation, options.Loss);
        Assert.Equal(
            (HistoryPooling.Sum, true, false, false, 0.0, 300.0),
            (options.HistoryPooling, options.EmbeddingOnlyTowers, options.NormalizeEmbeddings, options.ShareItemEmbeddings,
             options.ValidationFraction, options.TeacherLambda));
        Assert.Empty(options.HiddenSizes);
        Assert.Equal((300, 0.003), (options.Training.Epochs, options.Training.LearningRate));
        Assert.Equal("TwoTower(d=64, EASE-distilled)", new TwoTowerRecommender(options).Name); // told apart from the default on leaderboards
        Assert.Equal("TwoTower(d=64)", new TwoTowerRecommender().Name);
    }

    [Fact]
    public void EmbeddingOnlyTowersWithAUserIdEmbeddingAreRejected()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new TwoTowerRecommender(new TwoTowerOptions { EmbeddingOnlyTowers = true, UseUserIdEmbedding = true }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("EmbeddingOnlyTowers", error.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void ANonPositiveTeacherLambdaIsRejected(double lambda)
    {
        var error = Assert.Throws<ArgumentException>(() => new TwoTowerRecommender(new TwoTowerOptions { TeacherLambda = lambda }));

        Assert.Equal("options", error.ParamName);
        Assert.Contains("TeacherLambda", error.Message);
    }
}
