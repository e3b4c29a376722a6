using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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

    // Enough chunks per core that the last ones to finish are small (see ChunkBounds).
    private const int ChunksPerCore = 64;

    // Observations ahead whose factor rows are prefetched: covers a memory miss at a few dozen cycles per observation.
    private const int PrefetchDistance = 8;

    // Rows with more observed floats than this (256 KiB, a good part of a core's L2 cache) copy their observed
    // factor rows into one contiguous buffer during the residual pass: the CG steps then stream through it
    // sequentially instead of re-fetching scattered rows that no longer fit in the cache. Popular movies
    // (tens of thousands of users) make up most of the item half's observations.
    private const long GatherFloats = 64 * 1024;

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
        var bounds = ChunkBounds(offsets);
        var wide = Vector512.IsHardwareAccelerated && dimension % Vector512<float>.Count == 0;

        // One gathering buffer per worker, rented at the longest row's size the first time a worker needs
        // one (renting as rows grow would leave a buffer of every size class in the pool).
        var longestRow = 0;
        for (var row = 0; row < rows; row++)
        {
            longestRow = Math.Max(longestRow, offsets[row + 1] - offsets[row]);
        }

        var gatherLength = (long)longestRow * dimension >= GatherFloats ? checked(longestRow * dimension) : 0;
        Parallel.For(0, bounds.Length - 1, () => new Scratch(dimension, gatherLength), (chunk, _, scratch) =>
        {
            if (wide)
            {
                SolveChunkWide(solved, fixedFactors, dimension, offsets, columns, weights, gram, steps, bounds[chunk], bounds[chunk + 1], scratch);
                return scratch;
            }

            for (var row = bounds[chunk]; row < bounds[chunk + 1]; row++)
            {
                var start = offsets[row];
                var length = offsets[row + 1] - start;
                SolveRow(
                    solved.AsSpan(row * dimension, dimension), fixedFactors, dimension,
                    columns.AsSpan(start, length), weights.AsSpan(start, length), gram, steps, scratch);
            }

            return scratch;
        }, scratch => scratch.ReturnGathered());
    }

    /// <summary>
    /// Splits rows into consecutive chunks of about equal work (observations plus a per-row constant for the
    /// d×d products), many more chunks than cores: row lengths are heavy-tailed (a popular movie has
    /// thousands of times the observations of a rare one), so equal row counts would leave one core
    /// finishing a chunk of blockbusters while the other idles.
    /// </summary>
    internal static int[] ChunkBounds(int[] offsets)
    {
        const long perRowCost = 64;
        var rows = offsets.Length - 1;
        var total = offsets[rows] - (long)offsets[0] + (perRowCost * rows);
        var target = Math.Max(1024, total / (Environment.ProcessorCount * ChunksPerCore));
        var bounds = new List<int> { 0 };
        long cost = 0;
        for (var row = 0; row < rows; row++)
        {
            var rowCost = offsets[row + 1] - offsets[row] + perRowCost;

            // A row too long to share a chunk starts its own, so it is not queued behind other rows' work.
            if (cost > 0 && cost + rowCost > target)
            {
                bounds.Add(row);
                cost = 0;
            }

            cost += rowCost;
        }

        bounds.Add(rows);
        return [.. bounds];
    }

    private sealed class Scratch(int dimension, int gatherLength)
    {
        public readonly float[] Residual = new float[dimension];
        public readonly float[] Direction = new float[dimension];
        public readonly float[] Product = new float[dimension];

        /// <summary>Contiguous copy of a long row's observed factor rows (see <see cref="GatherFloats"/>).</summary>
        private float[]? _gathered;

        /// <summary>The gathering buffer, long enough for every row of this half-sweep.</summary>
        public float[] Gathered => _gathered ??= ArrayPool<float>.Shared.Rent(gatherLength);

        /// <summary>Gives the gathering buffer back to the shared pool (the next half-sweep rents it again).</summary>
        public void ReturnGathered()
        {
            if (_gathered is not null)
            {
                ArrayPool<float>.Shared.Return(_gathered);
                _gathered = null;
            }
        }
    }

    /// <summary>
    /// The AVX-512 path (d a multiple of 16): the same arithmetic as <see cref="SolveRow"/> on raw pointers,
    /// with the next rows of the fixed factors prefetched. The rows a user (or movie) observes are scattered
    /// through a factor matrix far larger than the caches, so without prefetching each observation waits
    /// on a memory miss; the loads are issued <see cref="PrefetchDistance"/> observations ahead instead.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void SolveChunkWide(
        float[] solved, float[] fixedFactors, int d, int[] offsets, int[] columns, float[] weights, float[] gram, int steps,
        int firstRow, int endRow, Scratch scratch)
    {
        fixed (float* xBase = solved, y = fixedFactors, g = gram, r = scratch.Residual, p = scratch.Direction, ap = scratch.Product)
        fixed (int* columnBase = columns)
        fixed (float* weightBase = weights)
        {
            for (var row = firstRow; row < endRow; row++)
            {
                var start = offsets[row];
                var count = offsets[row + 1] - start;
                var x = xBase + ((nint)row * d);
                if ((long)count * d < GatherFloats)
                {
                    SolveRowWide(x, y, d, columnBase + start, weightBase + start, count, g, steps, r, p, ap, gathered: null);
                    continue;
                }

                fixed (float* gathered = scratch.Gathered)
                {
                    SolveRowWide(x, y, d, columnBase + start, weightBase + start, count, g, steps, r, p, ap, gathered);
                }
            }
        }
    }

    private static unsafe void SolveRowWide(
        float* x, float* y, int d, int* columns, float* weights, int count, float* gram, int steps, float* r, float* p, float* ap,
        float* gathered)
    {
        // r = b − A x = −(YᵀY + λI) x + Σ [(1 + w) − w (y·x)] y
        MultiplyGramWide(gram, x, r, d);
        for (var j = 0; j < d; j += 16)
        {
            Vector512.Store(-Vector512.Load(r + j), r + j);
        }

        if (d == 64)
        {
            Accumulate64(y, columns, weights, count, x, r, residual: true, gathered);
        }
        else
        {
            AccumulateWide(y, d, columns, weights, count, x, r, residual: true, gathered);
        }

        Buffer.MemoryCopy(r, p, d * sizeof(float), d * sizeof(float));
        var oldNorm = DotWide(r, r, d);
        if (oldNorm < ConvergedResidual)
        {
            return;
        }

        for (var step = 0; step < steps; step++)
        {
            // Ap = (YᵀY + λI) p + Σ w (y·p) y
            MultiplyGramWide(gram, p, ap, d);
            if (d == 64)
            {
                // Gathered rows are read in order: no column indices.
                Accumulate64(gathered == null ? y : gathered, gathered == null ? columns : null, weights, count, p, ap, residual: false, gathered: null);
            }
            else if (gathered == null)
            {
                AccumulateWide(y, d, columns, weights, count, p, ap, residual: false, gathered: null);
            }
            else
            {
                AccumulateGathered(gathered, d, weights, count, p, ap);
            }

            var curvature = DotWide(p, ap, d);
            if (!(curvature > 0))
            {
                return;
            }

            var stepSize = oldNorm / curvature;
            var newNormVector = Vector512<float>.Zero;
            for (var j = 0; j < d; j += 16)
            {
                var pj = Vector512.Load(p + j);
                Vector512.Store(Vector512.FusedMultiplyAdd(Vector512.Create(stepSize), pj, Vector512.Load(x + j)), x + j);
                var rj = Vector512.FusedMultiplyAdd(Vector512.Create(-stepSize), Vector512.Load(ap + j), Vector512.Load(r + j));
                Vector512.Store(rj, r + j);
                newNormVector = Vector512.FusedMultiplyAdd(rj, rj, newNormVector);
            }

            var newNorm = Vector512.Sum(newNormVector);
            if (newNorm < ConvergedResidual)
            {
                return;
            }

            // p = r + (newNorm / oldNorm) p
            var beta = Vector512.Create(newNorm / oldNorm);
            for (var j = 0; j < d; j += 16)
            {
                Vector512.Store(Vector512.FusedMultiplyAdd(beta, Vector512.Load(p + j), Vector512.Load(r + j)), p + j);
            }

            oldNorm = newNorm;
        }
    }

    /// <summary>
    /// target += Σ_n c_n y_{columns[n]} with c = w (y·v), or for the residual c = (1 + w) − w (y·x): one read
    /// of each observed row serves both its dot product and its update.
    /// </summary>
    /// <remarks>With <paramref name="gathered"/> not null, also copies the observed rows there, in order.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AccumulateWide(
        float* y, int d, int* columns, float* weights, int count, float* v, float* target, bool residual, float* gathered)
    {
        var lines = d * sizeof(float) / 64;
        for (var n = 0; n < count; n++)
        {
            if (n + PrefetchDistance < count && Sse.IsSupported)
            {
                var ahead = (byte*)(y + ((nint)columns[n + PrefetchDistance] * d));
                for (var line = 0; line < lines; line++)
                {
                    Sse.Prefetch0(ahead + (line * 64));
                }
            }

            var yi = y + ((nint)columns[n] * d);
            var w = weights[n];
            var dot = DotWide(yi, v, d);
            var scale = Vector512.Create(residual ? (1f + w) - (w * dot) : w * dot);
            for (var j = 0; j < d; j += 16)
            {
                Vector512.Store(Vector512.FusedMultiplyAdd(scale, Vector512.Load(yi + j), Vector512.Load(target + j)), target + j);
            }

            if (gathered != null)
            {
                Buffer.MemoryCopy(yi, gathered + ((nint)n * d), d * sizeof(float), d * sizeof(float));
            }
        }
    }

    /// <summary>
    /// <see cref="AccumulateWide"/> and <see cref="AccumulateGathered"/> for d = 64 (four 512-bit registers):
    /// v and the running target stay in registers for the whole row, so each observation costs four loads
    /// and eight fused multiply-adds. Rows are <c>y[columns[n]]</c>, or consecutive rows of y when
    /// <paramref name="columns"/> is null.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void Accumulate64(
        float* y, int* columns, float* weights, int count, float* v, float* target, bool residual, float* gathered)
    {
        const int d = 64;
        var v0 = Vector512.Load(v);
        var v1 = Vector512.Load(v + 16);
        var v2 = Vector512.Load(v + 32);
        var v3 = Vector512.Load(v + 48);
        var t0 = Vector512.Load(target);
        var t1 = Vector512.Load(target + 16);
        var t2 = Vector512.Load(target + 32);
        var t3 = Vector512.Load(target + 48);
        for (var n = 0; n < count; n++)
        {
            float* yi;
            if (columns == null)
            {
                yi = y + ((nint)n * d);
            }
            else
            {
                if (n + PrefetchDistance < count && Sse.IsSupported)
                {
                    var ahead = (byte*)(y + ((nint)columns[n + PrefetchDistance] * d));
                    Sse.Prefetch0(ahead);
                    Sse.Prefetch0(ahead + 64);
                    Sse.Prefetch0(ahead + 128);
                    Sse.Prefetch0(ahead + 192);
                }

                yi = y + ((nint)columns[n] * d);
            }

            var y0 = Vector512.Load(yi);
            var y1 = Vector512.Load(yi + 16);
            var y2 = Vector512.Load(yi + 32);
            var y3 = Vector512.Load(yi + 48);
            var dot = Vector512.Sum(
                Vector512.FusedMultiplyAdd(y0, v0, y1 * v1) + Vector512.FusedMultiplyAdd(y2, v2, y3 * v3));
            var w = weights[n];
            var scale = Vector512.Create(residual ? (1f + w) - (w * dot) : w * dot);
            t0 = Vector512.FusedMultiplyAdd(scale, y0, t0);
            t1 = Vector512.FusedMultiplyAdd(scale, y1, t1);
            t2 = Vector512.FusedMultiplyAdd(scale, y2, t2);
            t3 = Vector512.FusedMultiplyAdd(scale, y3, t3);
            if (gathered != null)
            {
                var copy = gathered + ((nint)n * d);
                Vector512.Store(y0, copy);
                Vector512.Store(y1, copy + 16);
                Vector512.Store(y2, copy + 32);
                Vector512.Store(y3, copy + 48);
            }
        }

        Vector512.Store(t0, target);
        Vector512.Store(t1, target + 16);
        Vector512.Store(t2, target + 32);
        Vector512.Store(t3, target + 48);
    }

    /// <summary>target += Σ_n w_n (g_n·v) g_n over the rows g_n of <paramref name="gathered"/> (count × d).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AccumulateGathered(float* gathered, int d, float* weights, int count, float* v, float* target)
    {
        var yi = gathered;
        for (var n = 0; n < count; n++, yi += d)
        {
            var scale = Vector512.Create(weights[n] * DotWide(yi, v, d));
            for (var j = 0; j < d; j += 16)
            {
                Vector512.Store(Vector512.FusedMultiplyAdd(scale, Vector512.Load(yi + j), Vector512.Load(target + j)), target + j);
            }
        }
    }

    /// <summary>result = G v for the symmetric d×d matrix G, as Σ_a v_a G[a, :] (no horizontal sums).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void MultiplyGramWide(float* gram, float* v, float* result, int d)
    {
        var j = 0;
        for (; j + 64 <= d; j += 64)
        {
            var sum0 = Vector512<float>.Zero;
            var sum1 = Vector512<float>.Zero;
            var sum2 = Vector512<float>.Zero;
            var sum3 = Vector512<float>.Zero;
            var column = gram + j;
            for (var a = 0; a < d; a++, column += d)
            {
                var va = Vector512.Create(v[a]);
                sum0 = Vector512.FusedMultiplyAdd(va, Vector512.Load(column), sum0);
                sum1 = Vector512.FusedMultiplyAdd(va, Vector512.Load(column + 16), sum1);
                sum2 = Vector512.FusedMultiplyAdd(va, Vector512.Load(column + 32), sum2);
                sum3 = Vector512.FusedMultiplyAdd(va, Vector512.Load(column + 48), sum3);
            }

            Vector512.Store(sum0, result + j);
            Vector512.Store(sum1, result + j + 16);
            Vector512.Store(sum2, result + j + 32);
            Vector512.Store(sum3, result + j + 48);
        }

        for (; j < d; j += 16)
        {
            var sum = Vector512<float>.Zero;
            var column = gram + j;
            for (var a = 0; a < d; a++, column += d)
            {
                sum = Vector512.FusedMultiplyAdd(Vector512.Create(v[a]), Vector512.Load(column), sum);
            }

            Vector512.Store(sum, result + j);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe float DotWide(float* a, float* b, int d)
    {
        var sum0 = Vector512<float>.Zero;
        var sum1 = Vector512<float>.Zero;
        var j = 0;
        for (; j + 32 <= d; j += 32)
        {
            sum0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + j), Vector512.Load(b + j), sum0);
            sum1 = Vector512.FusedMultiplyAdd(Vector512.Load(a + j + 16), Vector512.Load(b + j + 16), sum1);
        }

        if (j < d)
        {
            sum0 = Vector512.FusedMultiplyAdd(Vector512.Load(a + j), Vector512.Load(b + j), sum0);
        }

        return Vector512.Sum(sum0 + sum1);
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
