using MovieRec.Models;
using MovieRec.Models.Baselines;
using MovieRec.Tests.Conformance;

namespace MovieRec.Tests.Models.Baselines;

[Collection(TorchCollection.Name)]
public sealed class EaseConformanceTests : RecommenderConformanceTests
{
    protected override IRecommender CreateModel() => new Ease(new EaseOptions { Lambda = 1 });
}

[Collection(TorchCollection.Name)]
public sealed class EaseLargeFixtureConformanceTests : RecommenderConformanceTests
{
    // 65 users and 24 movies: more users than movies, so Fit takes the direct (items × items) inverse path.
    protected override IRecommender CreateModel() => new Ease(new EaseOptions { Lambda = 5, UseDoublePrecision = false });

    protected override CheckerboardFixture CreateFixture() => CheckerboardFixture.Build(groupAUsers: 40, groupBUsers: 25, itemsPerBlock: 12);
}

[Collection(TorchCollection.Name)]
public sealed class EaseTests
{
    [Fact]
    public void TwoMoviesMatchTheHandComputation()
    {
        // User 1 rated A = 10 and B = 20, user 2 only A. XᵀX + I = [[3, 1], [1, 2]], P = [[2, −1], [−1, 3]] / 5.
        var model = new Ease(new EaseOptions { Lambda = 1 });

        model.Fit(BaselineTestData.Binary((1, [10, 20]), (2, [10])));

        Assert.Equal(1f / 3, model.Weight(0, 1), 6); // −P[A, B] / P[B, B]
        Assert.Equal(1f / 2, model.Weight(1, 0), 6); // −P[B, A] / P[A, A]
        Assert.Equal(0f, model.Weight(0, 0));
        Assert.Equal(1f / 3, model.Score([2], [20])[0], 6);
    }

    [Fact]
    public void ThreeMoviesTwoUsersMatchTheHandComputation()
    {
        // Fewer users than movies: the Woodbury path. XᵀX + I = [[3, 1, 1], [1, 2, 1], [1, 1, 2]],
        // P = [[3, −1, −1], [−1, 5, −2], [−1, −2, 5]] / 7.
        var model = new Ease(new EaseOptions { Lambda = 1 });

        model.Fit(BaselineTestData.Binary((1, [10, 20, 30]), (2, [10])));

        Assert.Equal(1f / 5, model.Weight(0, 1), 6);
        Assert.Equal(2f / 5, model.Weight(2, 1), 6);
        Assert.Equal(1f / 3, model.Weight(1, 0), 6);
        Assert.Equal(1f / 5, model.Weight(0, 2), 6);
        var (movies, scores) = model.RecommendOne(2, k: 5);
        Assert.Equal([20, 30], movies); // tied at 1/5: the lower id first
        Assert.Equal(scores[0], scores[1]);
    }

    [Theory]
    [InlineData(3, 6, 2.5, true)] // users < movies: Woodbury
    [InlineData(7, 4, 0.5, true)] // users > movies: direct inverse
    [InlineData(5, 5, 10, false)]
    [InlineData(3, 6, 2.5, false)]
    public void WeightsEqualTheClosedForm(int users, int movies, double lambda, bool doublePrecision)
    {
        var random = new Random(users * 100 + movies);
        var rated = Enumerable.Range(0, users)
            .Select(u => (User: u + 1, Movies: Enumerable.Range(0, movies).Where(m => m % users == u || random.NextDouble() < 0.5).Select(m => m + 1).ToArray()))
            .ToArray();
        var model = new Ease(new EaseOptions { Lambda = lambda, UseDoublePrecision = doublePrecision });

        model.Fit(BaselineTestData.Binary(rated));

        var expected = ClosedForm(rated, movies, lambda);
        for (var i = 0; i < movies; i++)
        {
            for (var j = 0; j < movies; j++)
            {
                Assert.Equal(expected[i, j], model.Weight(i, j), doublePrecision ? 6 : 4);
            }
        }
    }

    [Fact]
    public void InvalidLambdaNamesTheSetting()
    {
        Assert.Equal("Lambda", Assert.Throws<ArgumentException>(() => new Ease(new EaseOptions { Lambda = 0 })).ParamName);
        Assert.Equal("Lambda", Assert.Throws<ArgumentException>(() => new Ease(new EaseOptions { Lambda = double.PositiveInfinity })).ParamName);
    }

    /// <summary>B = I − P·diag(1/diag(P)) with P = (XᵀX + λI)⁻¹ by Gauss–Jordan elimination in double.</summary>
    private static double[,] ClosedForm((int User, int[] Movies)[] rated, int n, double lambda)
    {
        var a = new double[n, 2 * n];
        foreach (var (_, movies) in rated)
        {
            foreach (var i in movies)
            {
                foreach (var j in movies)
                {
                    a[i - 1, j - 1]++;
                }
            }
        }

        for (var i = 0; i < n; i++)
        {
            a[i, i] += lambda;
            a[i, n + i] = 1;
        }

        for (var c = 0; c < n; c++)
        {
            var pivot = a[c, c]; // symmetric positive definite: no pivoting needed
            for (var j = 0; j < 2 * n; j++)
            {
                a[c, j] /= pivot;
            }

            for (var r = 0; r < n; r++)
            {
                if (r != c)
                {
                    var factor = a[r, c];
                    for (var j = 0; j < 2 * n; j++)
                    {
                        a[r, j] -= factor * a[c, j];
                    }
                }
            }
        }

        var b = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j < n; j++)
            {
                b[i, j] = i == j ? 0 : -a[i, n + j] / a[j, n + j];
            }
        }

        return b;
    }
}
