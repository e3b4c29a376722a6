using MovieRec.Models.Baselines;

namespace MovieRec.Tests.Models.Baselines;

/// <summary>
/// The solver's vectorised paths (d a multiple of 16; rows long enough to be gathered into a contiguous
/// buffer) against a plain double-precision transcription of implicit's least_squares_cg.
/// </summary>
public sealed class ImplicitAlsSolverTests
{
    [Theory]
    [InlineData(64, 3, 40)] // the benchmark's shape: register-width blocks, short rows read in place
    [InlineData(64, 3, 1000)] // just below the gathering threshold (64 Ki floats)
    [InlineData(64, 3, 1100)] // just above it
    [InlineData(64, 3, 5000)] // a row long enough (5000 × 64 floats) to be gathered
    [InlineData(48, 3, 30)] // a multiple of 16 but not of 64: the one-block Gram product
    [InlineData(128, 5, 1200)] // the default factor count, gathered too
    [InlineData(6, 3, 20)] // the scalar fallback
    public void SolveRowsMatchesAPlainConjugateGradient(int d, int steps, int observed)
    {
        const int items = 6000;
        const float lambda = 2f;
        var random = new Random(d + observed);
        var y = new float[items * d];
        for (var i = 0; i < y.Length; i++)
        {
            // Centred, so the system is well conditioned and float32 rounding stays far below the tolerance.
            y[i] = (random.NextSingle() - 0.5f) * 0.2f;
        }

        // Two rows: an empty one, then one observing `observed` distinct items in ascending order.
        var columns = Enumerable.Range(0, items).OrderBy(_ => random.Next()).Take(observed).Order().ToArray();
        var weights = columns.Select(_ => 1f + (random.NextSingle() * 20f)).ToArray();
        var x = new float[2 * d];
        for (var i = 0; i < x.Length; i++)
        {
            x[i] = random.NextSingle() * 0.01f;
        }

        var expectedEmpty = Reference(x.AsSpan(0, d).ToArray(), y, d, [], [], lambda, steps);
        var expected = Reference(x.AsSpan(d, d).ToArray(), y, d, columns, weights, lambda, steps);
        var gram = ImplicitAlsSolver.Gram(y, items, d, lambda);
        ImplicitAlsSolver.SolveRows(x, y, d, [0, 0, observed], columns, weights, gram, steps);

        var scale = expected.Max(Math.Abs);
        Assert.True(scale > 1e-3, $"degenerate fixture: |x| = {scale}");
        for (var j = 0; j < d; j++)
        {
            Assert.True(Math.Abs(expectedEmpty[j] - x[j]) <= 1e-4 * (1 + expectedEmpty.Max(Math.Abs)), $"empty row, factor {j}");
            Assert.True(
                Math.Abs(expected[j] - x[d + j]) <= 2e-4 * scale,
                $"factor {j}: expected {expected[j]}, got {x[d + j]}");
        }
    }

    [Fact]
    public void ChunkBoundsCoverEveryRowOnceAndSplitByObservations()
    {
        // 1000 rows of 1 observation, one row of 1,000,000, then 1000 more rows of 1.
        var lengths = Enumerable.Repeat(1, 1000).Append(1_000_000).Concat(Enumerable.Repeat(1, 1000)).ToArray();
        var offsets = new int[lengths.Length + 1];
        for (var i = 0; i < lengths.Length; i++)
        {
            offsets[i + 1] = offsets[i] + lengths[i];
        }

        var bounds = ImplicitAlsSolver.ChunkBounds(offsets);

        Assert.Equal(0, bounds[0]);
        Assert.Equal(lengths.Length, bounds[^1]);
        Assert.All(bounds.Zip(bounds.Skip(1)), pair => Assert.True(pair.First < pair.Second));

        // The long row is a chunk of its own, so it is never queued behind a run of other rows' work.
        Assert.Contains(1000, bounds);
        Assert.Contains(1001, bounds);
        Assert.True(bounds.Length > 3, $"only {bounds.Length - 1} chunks");
    }

    /// <summary>implicit's least_squares_cg for one row, in double precision, forming YᵀY + λI directly.</summary>
    private static double[] Reference(float[] start, float[] y, int d, int[] columns, float[] weights, double lambda, int steps)
    {
        var items = y.Length / d;
        var gram = new double[d, d];
        for (var i = 0; i < items; i++)
        {
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    gram[a, b] += (double)y[(i * d) + a] * y[(i * d) + b];
                }
            }
        }

        for (var a = 0; a < d; a++)
        {
            gram[a, a] += lambda;
        }

        double[] Multiply(double[] v)
        {
            var result = new double[d];
            for (var a = 0; a < d; a++)
            {
                for (var b = 0; b < d; b++)
                {
                    result[a] += gram[a, b] * v[b];
                }
            }

            for (var n = 0; n < columns.Length; n++)
            {
                var dot = 0.0;
                for (var a = 0; a < d; a++)
                {
                    dot += y[(columns[n] * d) + a] * v[a];
                }

                for (var a = 0; a < d; a++)
                {
                    result[a] += weights[n] * dot * y[(columns[n] * d) + a];
                }
            }

            return result;
        }

        var x = start.Select(value => (double)value).ToArray();
        var ax = Multiply(x);
        var r = new double[d];
        for (var a = 0; a < d; a++)
        {
            r[a] = -ax[a];
        }

        for (var n = 0; n < columns.Length; n++)
        {
            for (var a = 0; a < d; a++)
            {
                r[a] += (1 + weights[n]) * y[(columns[n] * d) + a];
            }
        }

        var p = (double[])r.Clone();
        var oldNorm = r.Sum(value => value * value);
        for (var step = 0; step < steps && oldNorm >= 1e-20; step++)
        {
            var ap = Multiply(p);
            var stepSize = oldNorm / p.Zip(ap, (u, v) => u * v).Sum();
            for (var a = 0; a < d; a++)
            {
                x[a] += stepSize * p[a];
                r[a] -= stepSize * ap[a];
            }

            var newNorm = r.Sum(value => value * value);
            for (var a = 0; a < d; a++)
            {
                p[a] = r[a] + (newNorm / oldNorm * p[a]);
            }

            oldNorm = newNorm;
        }

        return x;
    }
}
