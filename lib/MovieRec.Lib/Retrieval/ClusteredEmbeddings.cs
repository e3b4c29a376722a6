using System.Numerics.Tensors;

namespace MovieRec.Retrieval;

/// <summary>Options of <see cref="ClusteredEmbeddings.Generate(int, int, ClusteredEmbeddingsOptions?)"/>.</summary>
public sealed record ClusteredEmbeddingsOptions
{
    /// <summary>Embedding size. Default 64.</summary>
    public int Dimension { get; init; } = 64;

    /// <summary>Latent taste clusters (think genres × eras). Default 256.</summary>
    public int Clusters { get; init; } = 256;

    /// <summary>Exponent s of the cluster sizes: cluster c (0-based) receives items with probability ∝ 1/(c + 1)^s. Default 0.8.</summary>
    public double ClusterSkew { get; init; } = 0.8;

    /// <summary>Clusters mixed into each user (each with a uniform random weight). Default 3.</summary>
    public int ClustersPerUser { get; init; } = 3;

    /// <summary>Standard deviation of the per-coordinate Gaussian noise of an item, relative to a unit centre (noise vector length ≈ this). Default 0.6.</summary>
    public double ItemNoise { get; init; } = 0.6;

    /// <summary>The same for users. Default 0.6.</summary>
    public double UserNoise { get; init; } = 0.6;

    /// <summary>
    /// Dimension of the subspace the clusters and their noise live in; 0 (default) means all of
    /// <see cref="Dimension"/>. Trained embeddings use far fewer directions than they have (docs/retrieval.md), so a
    /// value below <see cref="Dimension"/> gives vectors of low intrinsic dimension: everything is drawn in this many
    /// dimensions and mapped into <see cref="Dimension"/> by a random orthonormal basis.
    /// </summary>
    public int LatentDimension { get; init; }

    /// <summary>
    /// Standard deviation (relative, as <see cref="ItemNoise"/>) of isotropic noise added in all <see cref="Dimension"/>
    /// dimensions after the latent vectors are mapped in; only used with <see cref="LatentDimension"/>. Default 0.
    /// </summary>
    public double AmbientNoise { get; init; }

    /// <summary>L2-normalise every row at the end, as the two-tower model does. Default true.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary>Seed of every random draw. Default 42.</summary>
    public int Seed { get; init; } = 42;
}

/// <summary>
/// Synthetic user and item embeddings with the structure real ones have (items form clusters of uneven size, users
/// lean towards a few clusters), for benchmarking retrieval: on uniform noise every item is about equally far from
/// every query, which is unrealistically hard for a graph index and says little about real recall.
/// </summary>
/// <remarks>
/// Recipe (all draws from <c>new Random(Seed)</c>, in this order, so the result is the same on every run):
/// 1. Clusters centres: Gaussian vectors scaled to unit length.
/// 2. Each item: a cluster c drawn with probability ∝ 1/(c + 1)^<see cref="ClusteredEmbeddingsOptions.ClusterSkew"/>;
///    vector = centre_c + N(0, (ItemNoise²/d)·I).
/// 3. Each user: <see cref="ClusteredEmbeddingsOptions.ClustersPerUser"/> clusters drawn the same way, weights
///    uniform in [0, 1); vector = Σ weight·centre + N(0, (UserNoise²/d)·I).
/// 4. Only when <see cref="ClusteredEmbeddingsOptions.LatentDimension"/> r is set (0 &lt; r &lt; d): steps 1–3 ran in r
///    dimensions; a d × r matrix with orthonormal columns (Gaussian, Gram–Schmidt) maps every row into d dimensions,
///    then N(0, (AmbientNoise²/d)·I) is added to every item and user row, in that order.
/// 5. Every row L2-normalised (unless <see cref="ClusteredEmbeddingsOptions.Normalize"/> is false).
/// </remarks>
public static class ClusteredEmbeddings
{
    /// <summary>Users × d and items × d embeddings, row-major.</summary>
    /// <exception cref="ArgumentException">A count is negative or an option is out of range.</exception>
    public static (float[] Users, float[] Items) Generate(int userCount, int itemCount, ClusteredEmbeddingsOptions? options = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(userCount);
        ArgumentOutOfRangeException.ThrowIfNegative(itemCount);
        options ??= new ClusteredEmbeddingsOptions();
        if (options.Dimension < 1 || options.Clusters < 1 || options.ClustersPerUser < 1 || options.ClusterSkew < 0 ||
            !(options.ItemNoise >= 0) || !(options.UserNoise >= 0) || options.LatentDimension < 0 || options.LatentDimension > options.Dimension ||
            !(options.AmbientNoise >= 0))
        {
            throw new ArgumentException(
                "Dimension, Clusters and ClustersPerUser must be at least 1; LatentDimension within 0..Dimension; ClusterSkew, ItemNoise, " +
                "UserNoise and AmbientNoise must not be negative.", nameof(options));
        }

        var latent = options.LatentDimension is > 0 and var r && r < options.Dimension;
        var d = latent ? options.LatentDimension : options.Dimension;
        var random = new Random(options.Seed);
        var centres = new float[(long)options.Clusters * d];
        for (var c = 0; c < options.Clusters; c++)
        {
            var row = centres.AsSpan(c * d, d);
            FillGaussian(random, row, 1);
            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        var cumulative = new double[options.Clusters];
        var total = 0.0;
        for (var c = 0; c < options.Clusters; c++)
        {
            total += Math.Pow(c + 1, -options.ClusterSkew);
            cumulative[c] = total;
        }

        int DrawCluster()
        {
            var at = Array.BinarySearch(cumulative, random.NextDouble() * total);
            return Math.Min(at < 0 ? ~at : at, options.Clusters - 1);
        }

        var items = new float[(long)itemCount * d];
        var itemNoise = (float)(options.ItemNoise / Math.Sqrt(d));
        for (var i = 0; i < itemCount; i++)
        {
            var row = items.AsSpan(i * d, d);
            FillGaussian(random, row, itemNoise);
            TensorPrimitives.Add(row, centres.AsSpan(DrawCluster() * d, d), row);
        }

        var users = new float[(long)userCount * d];
        var userNoise = (float)(options.UserNoise / Math.Sqrt(d));
        for (var u = 0; u < userCount; u++)
        {
            var row = users.AsSpan(u * d, d);
            FillGaussian(random, row, userNoise);
            for (var j = 0; j < options.ClustersPerUser; j++)
            {
                var centre = centres.AsSpan(DrawCluster() * d, d);
                TensorPrimitives.MultiplyAdd(centre, random.NextSingle(), row, row);
            }
        }

        if (latent)
        {
            var basis = OrthonormalBasis(random, options.Dimension, d);
            items = Embed(items, basis, options.Dimension, d, random, options.AmbientNoise);
            users = Embed(users, basis, options.Dimension, d, random, options.AmbientNoise);
            d = options.Dimension;
        }

        if (options.Normalize)
        {
            NormalizeRows(items, d);
            NormalizeRows(users, d);
        }

        return (users, items);
    }

    /// <summary>r orthonormal vectors of length d (row-major r × d): Gaussian rows, Gram–Schmidt.</summary>
    private static float[] OrthonormalBasis(Random random, int d, int r)
    {
        var basis = new float[r * d];
        for (var j = 0; j < r; j++)
        {
            var row = basis.AsSpan(j * d, d);
            FillGaussian(random, row, 1);
            for (var previous = 0; previous < j; previous++)
            {
                var other = basis.AsSpan(previous * d, d);
                TensorPrimitives.MultiplyAdd(other, -TensorPrimitives.Dot(row, other), row, row);
            }

            TensorPrimitives.Divide(row, TensorPrimitives.Norm(row), row);
        }

        return basis;
    }

    /// <summary>Maps rows of length r into d dimensions (Σ coordinate·basis row) and adds ambient Gaussian noise.</summary>
    private static float[] Embed(float[] rows, float[] basis, int d, int r, Random random, double ambientNoise)
    {
        var count = rows.Length / r;
        var embedded = new float[(long)count * d];
        var scale = (float)(ambientNoise / Math.Sqrt(d));
        for (var i = 0; i < count; i++)
        {
            var target = embedded.AsSpan(i * d, d);
            if (ambientNoise > 0)
            {
                FillGaussian(random, target, scale);
            }

            for (var j = 0; j < r; j++)
            {
                TensorPrimitives.MultiplyAdd(basis.AsSpan(j * d, d), rows[(i * r) + j], target, target);
            }
        }

        return embedded;
    }

    private static void FillGaussian(Random random, Span<float> values, float scale)
    {
        // Box–Muller: two uniforms give two independent standard normals.
        for (var i = 0; i < values.Length; i += 2)
        {
            var radius = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble()));
            var angle = 2 * Math.PI * random.NextDouble();
            values[i] = (float)(radius * Math.Cos(angle)) * scale;
            if (i + 1 < values.Length)
            {
                values[i + 1] = (float)(radius * Math.Sin(angle)) * scale;
            }
        }
    }

    private static void NormalizeRows(float[] values, int d)
    {
        for (var r = 0; r < values.Length / d; r++)
        {
            var row = values.AsSpan(r * d, d);
            var norm = TensorPrimitives.Norm(row);
            if (norm > 0)
            {
                TensorPrimitives.Divide(row, norm, row);
            }
        }
    }
}
