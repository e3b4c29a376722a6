namespace MovieRec.Analysis;

/// <summary>
/// The outcome of <see cref="PrincipalComponents.Fit(float[], int, int)"/>: the leading principal axes of a set of
/// vectors and every vector's coordinates along them.
/// </summary>
/// <param name="Rows">Number of input vectors.</param>
/// <param name="Dimension">Length of each input vector.</param>
/// <param name="ComponentCount">Number of components kept.</param>
/// <param name="Mean">The mean vector (length <paramref name="Dimension"/>) subtracted before projecting.</param>
/// <param name="Components">Unit principal axes, row-major (component × dimension), largest variance first.
/// Each axis's sign is fixed so that its largest-magnitude entry (the first one on a tie) is positive.</param>
/// <param name="ExplainedVariance">Variance along each axis (sample variance, divisor rows − 1).</param>
/// <param name="ExplainedVarianceRatio">Each axis's share of the total variance (0 when the data has none).</param>
/// <param name="Coordinates">Every vector's coordinates, row-major (row × component): (x − mean) · axis.</param>
public sealed record PcaResult(
    int Rows, int Dimension, int ComponentCount, double[] Mean, double[] Components, double[] ExplainedVariance,
    double[] ExplainedVarianceRatio, double[] Coordinates)
{
    /// <summary>The coordinates of every row along component <paramref name="component"/> (0-based), e.g. the x of a scatter chart.</summary>
    public double[] Coordinate(int component)
    {
        if (component < 0 || component >= ComponentCount)
        {
            throw new ArgumentException($"component must be between 0 and {ComponentCount - 1}, not {component}.", nameof(component));
        }

        var values = new double[Rows];
        for (var r = 0; r < Rows; r++)
        {
            values[r] = Coordinates[(r * ComponentCount) + component];
        }

        return values;
    }
}

/// <summary>
/// Principal component analysis for small dimensions (embeddings: tens to a few hundred columns), e.g. to draw
/// movie embeddings in 2-D. The covariance matrix (dimension × dimension, double precision) is diagonalised with
/// the cyclic Jacobi eigenvalue method.
/// </summary>
/// <remarks>
/// Why Jacobi rather than power iteration or a randomised SVD: it needs no random start (so the result is the same
/// on every run without a seed), it converges for equal or nearly equal eigenvalues where power iteration crawls,
/// and at embedding sizes its O(dimension³) per sweep is microseconds to milliseconds. The cost of the fit is
/// dominated by building the covariance, O(rows × dimension²).
/// </remarks>
public static class PrincipalComponents
{
    private const int MaximumSweeps = 100;

    /// <summary>The first two principal components of <paramref name="vectors"/> (rows × <paramref name="dimension"/>, row-major).</summary>
    public static PcaResult Fit(float[] vectors, int dimension) => Fit(vectors, dimension, componentCount: 2);

    /// <summary>The first <paramref name="componentCount"/> principal components of <paramref name="vectors"/>.</summary>
    /// <param name="vectors">Rows × <paramref name="dimension"/> values, row-major; all finite; at least two rows.</param>
    /// <param name="dimension">Length of one vector, at least 1.</param>
    /// <param name="componentCount">Components to keep, 1 to <paramref name="dimension"/>.</param>
    /// <exception cref="ArgumentException">Shapes do not fit, fewer than two rows, or a value is not finite.</exception>
    public static PcaResult Fit(float[] vectors, int dimension, int componentCount)
    {
        ArgumentNullException.ThrowIfNull(vectors);
        if (dimension < 1)
        {
            throw new ArgumentException($"dimension must be at least 1, not {dimension}.", nameof(dimension));
        }

        if (vectors.Length % dimension != 0)
        {
            throw new ArgumentException($"{vectors.Length} values are not a whole number of rows of {dimension}.", nameof(vectors));
        }

        var rows = vectors.Length / dimension;
        if (rows < 2)
        {
            throw new ArgumentException($"At least two vectors are needed for a variance; got {rows}.", nameof(vectors));
        }

        if (componentCount < 1 || componentCount > dimension)
        {
            throw new ArgumentException($"componentCount must be between 1 and {dimension}, not {componentCount}.", nameof(componentCount));
        }

        for (var i = 0; i < vectors.Length; i++)
        {
            if (!float.IsFinite(vectors[i]))
            {
                throw new ArgumentException($"Value {i % dimension} of row {i / dimension} is {vectors[i]}; every value must be finite.", nameof(vectors));
            }
        }

        var mean = new double[dimension];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < dimension; c++)
            {
                mean[c] += vectors[(r * dimension) + c];
            }
        }

        for (var c = 0; c < dimension; c++)
        {
            mean[c] /= rows;
        }

        var covariance = Covariance(vectors, rows, dimension, mean);
        var totalVariance = 0.0;
        for (var c = 0; c < dimension; c++)
        {
            totalVariance += covariance[c, c];
        }

        var (eigenvalues, eigenvectors) = JacobiEigen(covariance);
        var order = Enumerable.Range(0, dimension).OrderByDescending(i => eigenvalues[i]).ThenBy(i => i).Take(componentCount).ToArray();
        var components = new double[componentCount * dimension];
        var variance = new double[componentCount];
        var ratio = new double[componentCount];
        for (var k = 0; k < componentCount; k++)
        {
            var column = order[k];
            var axis = components.AsSpan(k * dimension, dimension);
            for (var c = 0; c < dimension; c++)
            {
                axis[c] = eigenvectors[c, column];
            }

            FixSign(axis);
            // Rounding can leave a zero eigenvalue slightly negative; a variance is never below 0.
            variance[k] = Math.Max(0, eigenvalues[column]);
            ratio[k] = totalVariance > 0 ? variance[k] / totalVariance : 0;
        }

        var coordinates = new double[rows * componentCount];
        for (var r = 0; r < rows; r++)
        {
            for (var k = 0; k < componentCount; k++)
            {
                var sum = 0.0;
                for (var c = 0; c < dimension; c++)
                {
                    sum += (vectors[(r * dimension) + c] - mean[c]) * components[(k * dimension) + c];
                }

                coordinates[(r * componentCount) + k] = sum;
            }
        }

        return new PcaResult(rows, dimension, componentCount, mean, components, variance, ratio, coordinates);
    }

    private static double[,] Covariance(float[] vectors, int rows, int dimension, double[] mean)
    {
        var covariance = new double[dimension, dimension];
        var centred = new double[dimension];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < dimension; c++)
            {
                centred[c] = vectors[(r * dimension) + c] - mean[c];
            }

            for (var i = 0; i < dimension; i++)
            {
                for (var j = i; j < dimension; j++)
                {
                    covariance[i, j] += centred[i] * centred[j];
                }
            }
        }

        for (var i = 0; i < dimension; i++)
        {
            for (var j = i; j < dimension; j++)
            {
                covariance[i, j] /= rows - 1;
                covariance[j, i] = covariance[i, j];
            }
        }

        return covariance;
    }

    /// <summary>
    /// Eigenvalues and eigenvectors (columns) of a symmetric matrix by cyclic Jacobi rotations: each rotation zeroes
    /// one off-diagonal pair; sweeps repeat until the off-diagonal mass is negligible next to the diagonal.
    /// </summary>
    internal static (double[] Values, double[,] Vectors) JacobiEigen(double[,] symmetric)
    {
        var n = symmetric.GetLength(0);
        var a = (double[,])symmetric.Clone();
        var v = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            v[i, i] = 1;
        }

        for (var sweep = 0; sweep < MaximumSweeps; sweep++)
        {
            double offDiagonal = 0, diagonal = 0;
            for (var i = 0; i < n; i++)
            {
                diagonal += a[i, i] * a[i, i];
                for (var j = i + 1; j < n; j++)
                {
                    offDiagonal += a[i, j] * a[i, j];
                }
            }

            if (offDiagonal <= 1e-30 * Math.Max(diagonal, double.Epsilon))
            {
                break;
            }

            for (var p = 0; p < n - 1; p++)
            {
                for (var q = p + 1; q < n; q++)
                {
                    if (a[p, q] != 0)
                    {
                        Rotate(a, v, p, q);
                    }
                }
            }
        }

        var values = new double[n];
        for (var i = 0; i < n; i++)
        {
            values[i] = a[i, i];
        }

        return (values, v);
    }

    /// <summary>One Jacobi rotation in the (p, q) plane that makes a[p, q] zero (Numerical Recipes' stable form).</summary>
    private static void Rotate(double[,] a, double[,] v, int p, int q)
    {
        var n = a.GetLength(0);
        var theta = (a[q, q] - a[p, p]) / (2 * a[p, q]);
        var t = Math.Sign(theta == 0 ? 1 : theta) / (Math.Abs(theta) + Math.Sqrt((theta * theta) + 1));
        var c = 1 / Math.Sqrt((t * t) + 1);
        var s = t * c;
        for (var k = 0; k < n; k++)
        {
            var akp = a[k, p];
            var akq = a[k, q];
            a[k, p] = (c * akp) - (s * akq);
            a[k, q] = (s * akp) + (c * akq);
        }

        for (var k = 0; k < n; k++)
        {
            var apk = a[p, k];
            var aqk = a[q, k];
            a[p, k] = (c * apk) - (s * aqk);
            a[q, k] = (s * apk) + (c * aqk);
        }

        for (var k = 0; k < n; k++)
        {
            var vkp = v[k, p];
            var vkq = v[k, q];
            v[k, p] = (c * vkp) - (s * vkq);
            v[k, q] = (s * vkp) + (c * vkq);
        }
    }

    /// <summary>An eigenvector's sign is arbitrary; make the largest-magnitude entry (first on a near-tie) positive so results are reproducible.</summary>
    private static void FixSign(Span<double> axis)
    {
        var best = 0;
        for (var c = 1; c < axis.Length; c++)
        {
            if (Math.Abs(axis[c]) > Math.Abs(axis[best]) + 1e-12)
            {
                best = c;
            }
        }

        if (axis[best] < 0)
        {
            foreach (ref var value in axis)
            {
                value = -value;
            }
        }
    }
}
