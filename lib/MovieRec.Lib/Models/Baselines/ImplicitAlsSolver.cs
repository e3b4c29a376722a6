using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MovieRec.Models.Baselines;

/// <summary>
/// The numerical core of <see cref="ImplicitAls"/>: the Gram matrix YᵀY + λI and one half-sweep of
/// per-row conjugate gradient, the algorithm of implicit's <c>least_squares_cg</c> (Takács, Pilászy &amp;
/// Tikk 2011). For row u with observed columns i (weights w = c − 1 = α·r) it improves x_u towards the
/// solution of (YᵀY + λI + Σ w_i y_i y_iᵀ) x = Σ (1 + w_i) y_i without ever forming the d×d matrix:
/// each step costs one d×d product with the shared Gram matrix plus two length-d passes per observation.
/// </summary>
/// <remarks>
/// Rows are independent, so they run in parallel with partition-local scratch vectors; each row's
/// result depends only on its inputs, so a sweep is deterministic whatever the thread count. The Gram
/// matrix is summed over fixed row chunks, then the chunks in order, for the same reason.
/// </remarks>
internal static class ImplicitAlsSolver
{
    private const int GramChunkRows = 2048;
    private const float ConvergedResidual = 1e-20f;

    /// <summary>YᵀY + λI (d×d, row-major) of a rows × d factor matrix.</summary>
    public static float[] Gram(float[] factors, int rows, int dimension, float regularization)
    {
        var chunks = (rows + GramChunkRows - 1) / GramChunkRows;
        var partials = new float[chunks][];
        Parallel.For(0, chunks, chunk =>
        {
            var gram = new float[dimension * dimension];
            var end = Math.Min(rows, (chunk + 1) * GramChunkRows);
            for (var row = chunk * GramChunkRows; row < end; row++)
            {
                ref var y = ref factors[row * dimension];
                for (var a = 0; a < dimension; a++)
                {
                    Axpy(Unsafe.Add(ref y, a), ref y, ref gram[a * dimension], dimension);
                }
            }

            partials[chunk] = gram;
        });

        var sum = new double[dimension * dimension];
        foreach (var partial in partials)
        {
            for (var i = 0; i < sum.Length; i++)
            {
                sum[i] += partial[i];
            }
        }

        var result = new float[sum.Length];
        for (var i = 0; i < sum.Length; i++)
        {
            result[i] = (float)sum[i];
        }

        for (var a = 0; a < dimension; a++)
        {
            result[(a * dimension) + a] += regularization;
        }

        return result;
    }

    /// <summary>
    /// Updates every row of <paramref name="solved"/> (rows × d) with <paramref name="steps"/> CG steps,
    /// holding <paramref name="fixedFactors"/> constant. Row u observes columns
    /// <c>columns[offsets[u]..offsets[u+1]]</c> with weights c − 1 in <paramref name="weights"/>.
    /// </summary>
    public static void SolveRows(
        float[] solved, float[] fixedFactors, int dimension, int[] offsets, int[] columns, float[] weights, float[] gram, int steps)
    {
        var rows = offsets.Length - 1;
        const int rowsPerTask = 64;
        var tasks = (rows + rowsPerTask - 1) / rowsPerTask;
        Parallel.For(0, tasks, () => new Scratch(dimension), (task, _, scratch) =>
        {
            var end = Math.Min(rows, (task + 1) * rowsPerTask);
            for (var row = task * rowsPerTask; row < end; row++)
            {
                var start = offsets[row];
                var length = offsets[row + 1] - start;
                SolveRow(
                    solved.AsSpan(row * dimension, dimension), fixedFactors, dimension,
                    columns.AsSpan(start, length), weights.AsSpan(start, length), gram, steps, scratch);
            }

            return scratch;
        }, _ => { });
    }

    private sealed class Scratch(int dimension)
    {
        public readonly float[] Residual = new float[dimension];
        public readonly float[] Direction = new float[dimension];
        public readonly float[] Product = new float[dimension];
    }

    private static void SolveRow(
        Span<float> x, float[] y, int d, ReadOnlySpan<int> columns, ReadOnlySpan<float> weights, float[] gram, int steps, Scratch scratch)
    {
        var r = scratch.Residual.AsSpan();
        var p = scratch.Direction.AsSpan();
        var ap = scratch.Product.AsSpan();
        ref var yBase = ref MemoryMarshal.GetArrayDataReference(y);
        ref var xRef = ref MemoryMarshal.GetReference(x);

        // r = b − A x = −(YᵀY + λI) x + Σ [(1 + w) − w (y·x)] y
        MultiplyGram(gram, x, r, d);
        for (var j = 0; j < d; j++)
        {
            r[j] = -r[j];
        }

        ref var rRef = ref MemoryMarshal.GetReference(r);
        for (var n = 0; n < columns.Length; n++)
        {
            ref var yi = ref Unsafe.Add(ref yBase, (nint)columns[n] * d);
            var w = weights[n];
            Axpy((1f + w) - (w * Dot(ref yi, ref xRef, d)), ref yi, ref rRef, d);
        }

        r.CopyTo(p);
        var oldNorm = Dot(ref rRef, ref rRef, d);
        if (oldNorm < ConvergedResidual)
        {
            return;
        }

        ref var pRef = ref MemoryMarshal.GetReference(p);
        ref var apRef = ref MemoryMarshal.GetReference(ap);
        for (var step = 0; step < steps; step++)
        {
            // Ap = (YᵀY + λI) p + Σ w (y·p) y
            MultiplyGram(gram, p, ap, d);
            for (var n = 0; n < columns.Length; n++)
            {
                ref var yi = ref Unsafe.Add(ref yBase, (nint)columns[n] * d);
                Axpy(weights[n] * Dot(ref yi, ref pRef, d), ref yi, ref apRef, d);
            }

            var curvature = Dot(ref pRef, ref apRef, d);
            if (!(curvature > 0))
            {
                return;
            }

            var stepSize = oldNorm / curvature;
            Axpy(stepSize, ref pRef, ref xRef, d);
            Axpy(-stepSize, ref apRef, ref rRef, d);
            var newNorm = Dot(ref rRef, ref rRef, d);
            if (newNorm < ConvergedResidual)
            {
                return;
            }

            // p = r + (newNorm / oldNorm) p
            var beta = newNorm / oldNorm;
            for (var j = 0; j < d; j++)
            {
                p[j] = r[j] + (beta * p[j]);
            }

            oldNorm = newNorm;
        }
    }

    /// <summary>result = G v for the symmetric d×d matrix G.</summary>
    private static void MultiplyGram(float[] gram, ReadOnlySpan<float> v, Span<float> result, int d)
    {
        ref var vRef = ref MemoryMarshal.GetReference(v);
        for (var a = 0; a < d; a++)
        {
            result[a] = Dot(ref gram[a * d], ref vRef, d);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Dot(ref float a, ref float b, int d)
    {
        var width = Vector<float>.Count;
        var sum0 = Vector<float>.Zero;
        var sum1 = Vector<float>.Zero;
        var i = 0;
        for (; i <= d - (2 * width); i += 2 * width)
        {
            sum0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref a, (nuint)i), Vector.LoadUnsafe(ref b, (nuint)i), sum0);
            sum1 = Vector.MultiplyAddEstimate(
                Vector.LoadUnsafe(ref a, (nuint)(i + width)), Vector.LoadUnsafe(ref b, (nuint)(i + width)), sum1);
        }

        for (; i <= d - width; i += width)
        {
            sum0 = Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref a, (nuint)i), Vector.LoadUnsafe(ref b, (nuint)i), sum0);
        }

        var sum = Vector.Sum(sum0 + sum1);
        for (; i < d; i++)
        {
            sum += Unsafe.Add(ref a, i) * Unsafe.Add(ref b, i);
        }

        return sum;
    }

    /// <summary>target += scale · source (length d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Axpy(float scale, ref float source, ref float target, int d)
    {
        var width = Vector<float>.Count;
        var factor = new Vector<float>(scale);
        var i = 0;
        for (; i <= d - width; i += width)
        {
            Vector.MultiplyAddEstimate(Vector.LoadUnsafe(ref source, (nuint)i), factor, Vector.LoadUnsafe(ref target, (nuint)i))
                .StoreUnsafe(ref target, (nuint)i);
        }

        for (; i < d; i++)
        {
            Unsafe.Add(ref target, i) += scale * Unsafe.Add(ref source, i);
        }
    }
}
