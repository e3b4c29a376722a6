using MovieRec.Models;
using Xunit.Sdk;

namespace MovieRec.Tests.Conformance;

/// <summary>
/// The conformance suite is only worth inheriting if it fails for wrong models: each test here breaks one
/// rule in a wrapper around the reference model and checks that the matching fact fails.
/// </summary>
public sealed class ConformanceSuiteCatchesBrokenModelsTests
{
    [Fact]
    public void ModelThatIgnoresExcludeSeenFails()
    {
        var suite = new Suite(() => new BrokenModel(Breakage.IgnoresExcludeSeen));

        Assert.ThrowsAny<XunitException>(suite.RecommendExcludesSeenItems);
    }

    [Fact]
    public void ModelThatReversesRowsFails()
    {
        var suite = new Suite(() => new BrokenModel(Breakage.ReversesRows));

        Assert.ThrowsAny<XunitException>(suite.RowsAreSortedByScoreDescending);
    }

    [Fact]
    public void ModelThatCrashesOnEmptyDataFails()
    {
        var suite = new Suite(() => new BrokenModel(Breakage.CrashesOnEmptyData));

        Assert.ThrowsAny<XunitException>(suite.FitOnEmptyTrainingSetIsAClearArgumentError);
    }

    [Fact]
    public void ModelWhoseBatchDiffersFromSingleUserFails()
    {
        var suite = new Suite(() => new BrokenModel(Breakage.BatchDependentScores));

        Assert.ThrowsAny<XunitException>(suite.BatchResultsEqualSingleUserResults);
    }

    [Fact]
    public void ModelThatCutsRowsShortFails()
    {
        var suite = new Suite(() => new BrokenModel(Breakage.AtMostTwoItems));

        Assert.ThrowsAny<XunitException>(suite.KLargerThanCatalogueReturnsEveryAvailableMovieOnce);
    }

    private enum Breakage
    {
        IgnoresExcludeSeen,
        ReversesRows,
        CrashesOnEmptyData,
        BatchDependentScores,
        AtMostTwoItems,
    }

    /// <summary>Not a test class of its own (private): its facts are called directly above.</summary>
    private sealed class Suite(Func<IRecommender> create) : RecommenderConformanceTests
    {
        protected override IRecommender CreateModel() => create();
    }

    private sealed class BrokenModel(Breakage breakage) : IRecommender
    {
        private readonly ItemCooccurrenceReference _inner = new();

        public string Name => $"Broken({breakage})";

        public void Fit(TrainingData data)
        {
            if (breakage == Breakage.CrashesOnEmptyData && data.Ratings.Count == 0)
            {
                throw new IndexOutOfRangeException("crash");
            }

            _inner.Fit(data);
        }

        public Recommendations Recommend(int[] userIds, int k, RecommendOptions? options = null)
        {
            if (breakage == Breakage.IgnoresExcludeSeen)
            {
                options = (options ?? RecommendOptions.Default) with { ExcludeSeen = false };
            }

            var result = _inner.Recommend(userIds, breakage == Breakage.AtMostTwoItems ? Math.Min(k, 2) : k, options);
            if (breakage == Breakage.ReversesRows)
            {
                for (var r = 0; r < result.Count; r++)
                {
                    result.MovieIds.AsSpan(result.Offsets[r], result.RowLength(r)).Reverse();
                    result.Scores.AsSpan(result.Offsets[r], result.RowLength(r)).Reverse();
                }
            }

            if (breakage == Breakage.BatchDependentScores)
            {
                for (var i = 0; i < result.Scores.Length; i++)
                {
                    result.Scores[i] += userIds.Length;
                }
            }

            return result;
        }

        public float[] Score(int[] userIds, int[] movieIds) => _inner.Score(userIds, movieIds);

        public Recommendations SimilarItems(int[] movieIds, int k) => _inner.SimilarItems(movieIds, k);

        public void Save(string directory) => _inner.Save(directory);
    }
}
