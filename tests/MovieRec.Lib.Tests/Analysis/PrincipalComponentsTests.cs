using MovieRec.Analysis;

namespace MovieRec.Tests.Analysis;

public class PrincipalComponentsTests
{
    [Fact]
    public void PointsOnALineHaveOneComponentAlongIt()
    {
        // y = 2x, shifted by (10, 20): the axis is (1, 2)/√5, coordinates t·√5 for t = -2..2, variance 5·10/4 = 12.5.
        float[] points = [8, 16, 9, 18, 10, 20, 11, 22, 12, 24];

        var pca = PrincipalComponents.Fit(points, dimension: 2);

        Assert.Equal([10.0, 20.0], pca.Mean);
        Assert.Equal(1 / Math.Sqrt(5), pca.Components[0], 12);
        Assert.Equal(2 / Math.Sqrt(5), pca.Components[1], 12);
        Assert.Equal(12.5, pca.ExplainedVariance[0], 10);
        Assert.Equal(0.0, pca.ExplainedVariance[1], 10);
        Assert.Equal(1.0, pca.ExplainedVarianceRatio[0], 12);
        var x = pca.Coordinate(0);
        for (var t = -2; t <= 2; t++)
        {
            Assert.Equal(t * Math.Sqrt(5), x[t + 2], 10);
            Assert.Equal(0.0, pca.Coordinate(1)[t + 2], 10);
        }
    }

    [Fact]
    public void RotatedDataFindsTheDiagonalsWithTheirVariances()
    {
        // Along (1, 1)/√2 the points sit at ±2√2 and 0, 0 (variance 16/3); along (1, -1)/√2 at 0, 0, ±√2 (variance 4/3).
        float[] points = [2, 2, -2, -2, 1, -1, -1, 1];

        var pca = PrincipalComponents.Fit(points, dimension: 2);

        var half = 1 / Math.Sqrt(2);
        Assert.Equal([half, half, half, -half], pca.Components.Select(v => Math.Round(v, 12)).ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(16.0 / 3, pca.ExplainedVariance[0], 10);
        Assert.Equal(4.0 / 3, pca.ExplainedVariance[1], 10);
        Assert.Equal(0.8, pca.ExplainedVarianceRatio[0], 12);
        Assert.Equal(0.2, pca.ExplainedVarianceRatio[1], 12);
        Assert.Equal([2 * Math.Sqrt(2), 0], [pca.Coordinates[0], pca.Coordinates[1]], (a, b) => Math.Abs(a - b) < 1e-10);
        Assert.Equal([0, Math.Sqrt(2)], [pca.Coordinates[4], pca.Coordinates[5]], (a, b) => Math.Abs(a - b) < 1e-10); // (1, -1)
    }

    [Fact]
    public void AxisAlignedSpreadsComeOutLargestFirstWithPositiveSigns()
    {
        // ±3 on x, ±2 on y, ±1 on z: variances 18/5, 8/5, 2/5 along the unit axes.
        float[] points = [3, 0, 0, -3, 0, 0, 0, 2, 0, 0, -2, 0, 0, 0, 1, 0, 0, -1];

        var pca = PrincipalComponents.Fit(points, dimension: 3, componentCount: 3);

        Assert.Equal([1.0, 0, 0, 0, 1, 0, 0, 0, 1], pca.Components.Select(v => Math.Round(v, 12) + 0.0).ToArray());
        Assert.Equal([3.6, 1.6, 0.4], pca.ExplainedVariance.Select(v => Math.Round(v, 12)).ToArray());
        Assert.Equal([0.0, -2.0], [Math.Round(pca.Coordinates[9], 12) + 0.0, Math.Round(pca.Coordinates[10], 12)]); // (0, -2, 0)
    }

    [Fact]
    public void ComponentsAreEigenvectorsOfTheCovarianceOnRandomData()
    {
        const int rows = 40, dimension = 6;
        var random = new Random(5);
        var points = new float[rows * dimension];
        for (var i = 0; i < points.Length; i++)
        {
            points[i] = (float)(random.NextDouble() * (1 + (i % dimension))); // columns of growing spread
        }

        var pca = PrincipalComponents.Fit(points, dimension, componentCount: dimension);

        var covariance = new double[dimension, dimension];
        for (var r = 0; r < rows; r++)
        {
            for (var i = 0; i < dimension; i++)
            {
                for (var j = 0; j < dimension; j++)
                {
                    covariance[i, j] += (points[(r * dimension) + i] - pca.Mean[i]) * (points[(r * dimension) + j] - pca.Mean[j]) / (rows - 1);
                }
            }
        }

        for (var k = 0; k < dimension; k++)
        {
            var axis = pca.Components.AsSpan(k * dimension, dimension).ToArray();
            Assert.Equal(1.0, Math.Sqrt(axis.Sum(v => v * v)), 10);
            for (var i = 0; i < dimension; i++)
            {
                var product = Enumerable.Range(0, dimension).Sum(j => covariance[i, j] * axis[j]);
                Assert.Equal(pca.ExplainedVariance[k] * axis[i], product, 9);
            }

            if (k > 0)
            {
                Assert.True(pca.ExplainedVariance[k] <= pca.ExplainedVariance[k - 1], "largest variance first");
            }
        }

        Assert.Equal(1.0, pca.ExplainedVarianceRatio.Sum(), 10);
    }

    [Fact]
    public void TheSameInputGivesTheSameResult()
    {
        var random = new Random(11);
        var points = Enumerable.Range(0, 200).Select(_ => (float)random.NextDouble()).ToArray();

        var first = PrincipalComponents.Fit(points, dimension: 8);
        var second = PrincipalComponents.Fit(points, dimension: 8);

        Assert.Equal(first.Coordinates, second.Coordinates);
        Assert.Equal(first.Components, second.Components);
    }

    [Fact]
    public void DataWithoutSpreadHasZeroVarianceRatios()
    {
        var pca = PrincipalComponents.Fit([1, 2, 1, 2, 1, 2], dimension: 2);

        Assert.Equal([0.0, 0.0], pca.ExplainedVarianceRatio);
        Assert.All(pca.Coordinates, c => Assert.Equal(0.0, c));
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Assert.Throws<ArgumentException>("dimension", () => PrincipalComponents.Fit([1, 2], dimension: 0));
        Assert.Throws<ArgumentException>("vectors", () => PrincipalComponents.Fit([1, 2, 3], dimension: 2));
        Assert.Throws<ArgumentException>("vectors", () => PrincipalComponents.Fit([1, 2], dimension: 2)); // one row
        Assert.Throws<ArgumentException>("vectors", () => PrincipalComponents.Fit([1, 2, float.NaN, 4], dimension: 2));
        Assert.Throws<ArgumentException>("componentCount", () => PrincipalComponents.Fit([1, 2, 3, 4], dimension: 2, componentCount: 3));
        Assert.Throws<ArgumentException>("component", () => PrincipalComponents.Fit([1, 2, 3, 4], dimension: 2).Coordinate(2));
    }
}
