using MovieRec.Data;
using MovieRec.Models;

namespace MovieRec.Tests.Conformance;

/// <summary>
/// The contract of <see cref="IRecommender"/>, as tests. Every model's test class inherits this and
/// implements <see cref="CreateModel"/> (a fresh, unfitted model with a fixed seed); all facts below then
/// run against it. Stochastic or non-personalised models relax the known-answer facts through the virtual
/// properties (e.g. <see cref="MinimumCheckerboardHitRate"/>), never by skipping them.
/// </summary>
public abstract class RecommenderConformanceTests
{
    /// <summary>A fresh, unfitted model (seeded when it is stochastic).</summary>
    protected abstract IRecommender CreateModel();

    /// <summary>The known-answer data set; override to use a larger checkerboard for data-hungry models.</summary>
    protected virtual CheckerboardFixture CreateFixture() => CheckerboardFixture.Build();

    /// <summary>
    /// Share of users whose top-1 recommendation must be their held-out movie. 1 for collaborative models;
    /// a popularity model gets only the larger group right (8 of 14 users) and sets 0.5.
    /// </summary>
    protected virtual double MinimumCheckerboardHitRate => 1.0;

    /// <summary>Share of movies whose most similar movie must be in the same block (1 by default).</summary>
    protected virtual double MinimumSimilarItemsBlockAgreement => 1.0;

    /// <summary>
    /// Allowed absolute difference between scores that should be equal (batch vs single user, Recommend vs
    /// Score), for models whose batched arithmetic rounds differently. Rank swaps are accepted only between
    /// items whose scores are within this tolerance.
    /// </summary>
    protected virtual float ScoreTolerance => 1e-5f;

    private (IRecommender Model, CheckerboardFixture Fixture) Fitted()
    {
        var fixture = CreateFixture();
        var model = CreateModel();
        model.Fit(fixture.Train);
        return (model, fixture);
    }

    [Fact]
    public void NameIsNotEmpty()
    {
        Assert.False(string.IsNullOrWhiteSpace(CreateModel().Name));
    }

    [Fact]
    public void CheckerboardTopItemIsTheHeldOutMovie()
    {
        var (model, fixture) = Fitted();
        var users = fixture.UserIds;

        var result = model.Recommend(users, k: 1);

        var hits = 0;
        for (var r = 0; r < users.Length; r++)
        {
            Assert.Equal(1, result.RowLength(r));
            hits += result.MovieIdsAt(r)[0] == fixture.HeldOut[users[r]] ? 1 : 0;
        }

        var hitRate = (double)hits / users.Length;
        Assert.True(
            hitRate >= MinimumCheckerboardHitRate,
            $"{hits} of {users.Length} users got their held-out movie first (need {MinimumCheckerboardHitRate:P0}).");
    }

    [Fact]
    public void RecommendExcludesSeenItems()
    {
        var (model, fixture) = Fitted();
        var seen = SeenByUser(fixture.Train.Ratings);

        var result = model.Recommend(fixture.UserIds, k: fixture.MovieIds.Length);

        for (var r = 0; r < result.Count; r++)
        {
            foreach (var movieId in result.MovieIdsAt(r))
            {
                Assert.DoesNotContain(movieId, seen[result.QueryIds[r]]);
            }
        }
    }

    [Fact]
    public void RecommendWithoutExcludingSeenCoversTheWholeCatalogue()
    {
        var (model, fixture) = Fitted();

        var result = model.Recommend(fixture.UserIds, k: fixture.MovieIds.Length, new RecommendOptions { ExcludeSeen = false });

        for (var r = 0; r < result.Count; r++)
        {
            Assert.Equal(fixture.MovieIds, result.MovieIdsAt(r).ToArray().Order().ToArray());
        }
    }

    [Fact]
    public void RecommendExcludesExtraItemsPerUserAndForAllUsers()
    {
        var (model, fixture) = Fitted();
        var users = fixture.UserIds;
        var firstUser = users[0];
        var options = new RecommendOptions
        {
            ExcludeItemsByUser = new Dictionary<int, int[]> { [firstUser] = [fixture.HeldOut[firstUser], CheckerboardFixture.UnknownMovieId] },
            ExcludeItemsForAllUsers = [fixture.MovieIds[^1]],
        };

        var result = model.Recommend(users, k: fixture.MovieIds.Length, options);

        Assert.DoesNotContain(fixture.HeldOut[firstUser], result.MovieIdsAt(0).ToArray());
        for (var r = 0; r < result.Count; r++)
        {
            Assert.DoesNotContain(fixture.MovieIds[^1], result.MovieIdsAt(r).ToArray());
        }

        // Another user's held-out movie is not excluded for them.
        Assert.Contains(fixture.HeldOut[users[1]], result.MovieIdsAt(1).ToArray());
    }

    [Fact]
    public void KLargerThanCatalogueReturnsEveryAvailableMovieOnce()
    {
        var (model, fixture) = Fitted();
        var seen = SeenByUser(fixture.Train.Ratings);

        var result = model.Recommend(fixture.UserIds, k: 1000);

        for (var r = 0; r < result.Count; r++)
        {
            var expected = fixture.MovieIds.Where(m => !seen[result.QueryIds[r]].Contains(m)).ToArray();
            var row = result.MovieIdsAt(r).ToArray();
            Assert.Equal(expected, row.Order().ToArray());
        }
    }

    [Fact]
    public void RowsAreSortedByScoreDescending()
    {
        var (model, fixture) = Fitted();

        var result = model.Recommend(fixture.UserIds, k: fixture.MovieIds.Length);

        Assert.Equal(fixture.UserIds, result.QueryIds);
        for (var r = 0; r < result.Count; r++)
        {
            var scores = result.ScoresAt(r);
            for (var i = 1; i < scores.Length; i++)
            {
                Assert.True(scores[i - 1] >= scores[i], $"Row {r}: score {scores[i - 1]} before {scores[i]}.");
                Assert.False(float.IsNaN(scores[i]));
            }
        }
    }

    [Fact]
    public void BatchResultsEqualSingleUserResults()
    {
        var (model, fixture) = Fitted();
        var users = fixture.UserIds.Append(CheckerboardFixture.UnknownUserId).Append(fixture.UserIds[0]).ToArray();

        var batch = model.Recommend(users, k: 4);

        for (var r = 0; r < users.Length; r++)
        {
            var single = model.Recommend([users[r]], k: 4);
            AssertRowsEquivalent(single, 0, batch, r);
        }
    }

    [Fact]
    public void RecommendIsDeterministic()
    {
        var (model, fixture) = Fitted();

        var first = model.Recommend(fixture.UserIds, k: 3);
        var second = model.Recommend(fixture.UserIds, k: 3);

        Assert.Equal(first.MovieIds, second.MovieIds);
        Assert.Equal(first.Scores, second.Scores);
    }

    [Fact]
    public void ScoreAgreesWithRecommendScores()
    {
        var (model, fixture) = Fitted();
        var result = model.Recommend(fixture.UserIds, k: 3);
        var users = new int[result.MovieIds.Length];
        for (var r = 0; r < result.Count; r++)
        {
            users.AsSpan(result.Offsets[r], result.RowLength(r)).Fill(result.QueryIds[r]);
        }

        var scores = model.Score(users, result.MovieIds);

        Assert.Equal(result.Scores.Length, scores.Length);
        for (var i = 0; i < scores.Length; i++)
        {
            Assert.True(
                Math.Abs(scores[i] - result.Scores[i]) <= ScoreTolerance * Math.Max(1, Math.Abs(result.Scores[i])),
                $"Score({users[i]}, {result.MovieIds[i]}) = {scores[i]} but Recommend reported {result.Scores[i]}.");
        }
    }

    [Fact]
    public void UnknownUsersAndMoviesGetEmptyRowsAndNaNScores()
    {
        var (model, fixture) = Fitted();

        var result = model.Recommend([CheckerboardFixture.UnknownUserId, fixture.UserIds[0]], k: 3);
        var similar = model.SimilarItems([CheckerboardFixture.UnknownMovieId], k: 3);
        var scores = model.Score(
            [CheckerboardFixture.UnknownUserId, fixture.UserIds[0], fixture.UserIds[0]],
            [fixture.MovieIds[0], CheckerboardFixture.UnknownMovieId, fixture.MovieIds[0]]);

        Assert.Equal(0, result.RowLength(0));
        Assert.Equal(3, result.RowLength(1));
        Assert.Equal(0, similar.RowLength(0));
        Assert.True(float.IsNaN(scores[0]));
        Assert.True(float.IsNaN(scores[1]));
        Assert.False(float.IsNaN(scores[2]));
    }

    [Fact]
    public void SimilarItemsExcludeTheQueryAndFavourItsBlock()
    {
        var (model, fixture) = Fitted();
        var movies = fixture.MovieIds;

        var result = model.SimilarItems(movies, k: 1000);

        var agreeing = 0;
        for (var r = 0; r < movies.Length; r++)
        {
            var row = result.MovieIdsAt(r).ToArray();
            Assert.Equal(movies.Length - 1, row.Length);
            Assert.DoesNotContain(movies[r], row);
            Assert.Equal(row.Length, row.Distinct().Count());
            agreeing += fixture.BlockOfMovie[row[0]] == fixture.BlockOfMovie[movies[r]] ? 1 : 0;
        }

        var agreement = (double)agreeing / movies.Length;
        Assert.True(
            agreement >= MinimumSimilarItemsBlockAgreement,
            $"{agreeing} of {movies.Length} movies had a same-block movie as most similar (need {MinimumSimilarItemsBlockAgreement:P0}).");
    }

    [Fact]
    public void SaveThenLoadGivesIdenticalResults()
    {
        var (model, fixture) = Fitted();
        using var directory = new TempDirectory();
        var folder = Path.Combine(directory.Path, "model");

        model.Save(folder);
        var loaded = RecommenderStore.Load(folder);

        Assert.Equal(model.GetType(), loaded.GetType());
        Assert.Equal(model.Name, loaded.Name);
        var before = model.Recommend(fixture.UserIds, k: 5);
        var after = loaded.Recommend(fixture.UserIds, k: 5);
        Assert.Equal(before.Offsets, after.Offsets);
        Assert.Equal(before.MovieIds, after.MovieIds);
        Assert.Equal(before.Scores, after.Scores);
        var pairsUsers = fixture.UserIds.SelectMany(u => fixture.MovieIds.Select(_ => u)).ToArray();
        var pairsMovies = fixture.UserIds.SelectMany(_ => fixture.MovieIds).ToArray();
        Assert.Equal(model.Score(pairsUsers, pairsMovies), loaded.Score(pairsUsers, pairsMovies));
        Assert.Equal(model.SimilarItems(fixture.MovieIds, 3).MovieIds, loaded.SimilarItems(fixture.MovieIds, 3).MovieIds);
    }

    [Fact]
    public void FitOnEmptyTrainingSetIsAClearArgumentError()
    {
        var model = CreateModel();

        var error = Assert.Throws<ArgumentException>(() => model.Fit(new TrainingData(RatingsTable.Empty)));

        Assert.Equal("data", error.ParamName);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void FitOnTinyTrainingSetEitherWorksOrIsAClearArgumentError()
    {
        var model = CreateModel();
        var tiny = new RatingsTable([1], [10], [4f], [1_000_000_000]);

        var error = Record.Exception(() => model.Fit(new TrainingData(tiny)));

        if (error is not null)
        {
            var argument = Assert.IsAssignableFrom<ArgumentException>(error);
            Assert.Equal("data", argument.ParamName);
            return;
        }

        Assert.Equal(0, model.Recommend([1], k: 5).RowLength(0));
        Assert.Equal([10], model.Recommend([1], k: 5, new RecommendOptions { ExcludeSeen = false }).MovieIdsAt(0).ToArray());
    }

    [Fact]
    public void UsingAnUnfittedModelIsAnInvalidOperation()
    {
        var model = CreateModel();

        Assert.Throws<InvalidOperationException>(() => model.Recommend([1], k: 1));
        Assert.Throws<InvalidOperationException>(() => model.Score([1], [101]));
        Assert.Throws<InvalidOperationException>(() => model.SimilarItems([101], k: 1));
    }

    [Fact]
    public void InvalidArgumentsNameTheParameter()
    {
        var (model, fixture) = Fitted();

        Assert.Throws<ArgumentOutOfRangeException>(() => model.Recommend(fixture.UserIds, k: 0));
        Assert.Throws<ArgumentNullException>(() => model.Recommend(null!, k: 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.SimilarItems(fixture.MovieIds, k: 0));
        var error = Assert.Throws<ArgumentException>(() => model.Score([1, 2], [101]));
        Assert.False(string.IsNullOrEmpty(error.ParamName));
    }

    [Fact]
    public void RatingPredictorsPredictFiniteRatingsEvenForUnknownPairs()
    {
        var (model, fixture) = Fitted();
        if (model is not IRatingPredictor predictor)
        {
            Assert.IsNotAssignableFrom<IRatingPredictor>(model);
            return;
        }

        var predictions = predictor.PredictRatings(
            [fixture.UserIds[0], CheckerboardFixture.UnknownUserId, fixture.UserIds[0]],
            [fixture.HeldOut[fixture.UserIds[0]], fixture.MovieIds[0], CheckerboardFixture.UnknownMovieId]);

        Assert.Equal(3, predictions.Length);
        Assert.All(predictions, p => Assert.True(float.IsFinite(p), $"Prediction {p} is not finite."));
    }

    private static Dictionary<int, HashSet<int>> SeenByUser(RatingsTable ratings)
    {
        var seen = new Dictionary<int, HashSet<int>>();
        for (var i = 0; i < ratings.Count; i++)
        {
            if (!seen.TryGetValue(ratings.UserIds[i], out var set))
            {
                seen[ratings.UserIds[i]] = set = [];
            }

            set.Add(ratings.MovieIds[i]);
        }

        return seen;
    }

    /// <summary>Same length, scores within tolerance, ids equal except where neighbours tie within tolerance.</summary>
    private void AssertRowsEquivalent(Recommendations expected, int expectedRow, Recommendations actual, int actualRow)
    {
        var expectedIds = expected.MovieIdsAt(expectedRow);
        var expectedScores = expected.ScoresAt(expectedRow);
        var actualIds = actual.MovieIdsAt(actualRow);
        var actualScores = actual.ScoresAt(actualRow);
        Assert.Equal(expectedIds.Length, actualIds.Length);
        for (var i = 0; i < expectedIds.Length; i++)
        {
            Assert.True(
                Math.Abs(expectedScores[i] - actualScores[i]) <= ScoreTolerance * Math.Max(1, Math.Abs(expectedScores[i])),
                $"Position {i}: score {actualScores[i]} in the batch, {expectedScores[i]} alone.");
            if (expectedIds[i] != actualIds[i])
            {
                var tiedWithin = false;
                for (var j = 0; j < expectedIds.Length; j++)
                {
                    tiedWithin |= expectedIds[j] == actualIds[i] && Math.Abs(expectedScores[j] - expectedScores[i]) <= ScoreTolerance;
                }

                Assert.True(tiedWithin, $"Position {i}: movie {actualIds[i]} in the batch, {expectedIds[i]} alone.");
            }
        }
    }
}
