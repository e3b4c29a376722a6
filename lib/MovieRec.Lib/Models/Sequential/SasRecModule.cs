using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Sequences;

/// <summary>
/// SASRec's network: movie embeddings (row 0 is padding, row i + 1 is catalogue item i) scaled by √d plus
/// learned position embeddings, dropout, <see cref="SelfAttentionBlock"/>s under a causal mask, a final layer
/// norm. The state at a position predicts the next movie by a dot product with the same movie embeddings
/// (input and output embeddings are shared, as in the paper).
/// </summary>
/// <remarks>
/// Sequences are left-padded to the full length, so position L − 1 is always the latest movie and a position
/// index means "distance from the end". The attention mask is causal only (position t sees positions ≤ t);
/// padding is handled as in the authors' code, by zeroing padded positions after the embedding and after
/// every block, so a padded key carries only the projection bias. A per-sequence padding mask is not used:
/// TorchSharp's <c>MultiheadAttention</c> (libtorch's C++ module) takes a 2-D mask only, and its key-padding
/// mask leaves the padded query rows with nothing to attend to (NaN).
/// </remarks>
public sealed class SasRecModule : nn.Module<Tensor, Tensor>
{
    private readonly Embedding item_embedding;
    private readonly Embedding position_embedding;
    private readonly Dropout embedding_dropout;
    private readonly ModuleList<SelfAttentionBlock> blocks;
    private readonly LayerNorm final_norm;
    private readonly double _scale;

    /// <param name="itemCount">Catalogue size (the embedding table has one more row, for padding).</param>
    /// <param name="length">Sequence length L.</param>
    /// <param name="dimension">Model width d.</param>
    /// <param name="blockCount">Self-attention blocks.</param>
    /// <param name="heads">Attention heads per block.</param>
    /// <param name="dropout">Dropout rate during training.</param>
    public SasRecModule(long itemCount, long length, long dimension, int blockCount, long heads, double dropout)
        : base(nameof(SasRecModule))
    {
        ItemCount = itemCount;
        Length = length;
        Dimension = dimension;
        _scale = Math.Sqrt(dimension);
        item_embedding = nn.Embedding(itemCount + 1, dimension, padding_idx: 0);
        position_embedding = nn.Embedding(length, dimension);
        using (no_grad())
        {
            // Unit-variance inputs after the √d scale; logits h·e start at O(1) because h is layer-normed.
            nn.init.normal_(item_embedding.weight!, 0, 1 / _scale);
            item_embedding.weight![0].zero_();

            // Positions start at zero: a position no training window reached (a history longer than any
            // training input, e.g. the full history at recommendation time) then adds nothing random.
            position_embedding.weight!.zero_();
        }

        embedding_dropout = nn.Dropout(dropout);
        blocks = nn.ModuleList(Enumerable.Range(0, blockCount).Select(_ => new SelfAttentionBlock(dimension, heads, dropout)).ToArray());
        final_norm = nn.LayerNorm(dimension, eps: 1e-8);
        RegisterComponents();
    }

    /// <summary>Catalogue size (without the padding row).</summary>
    public long ItemCount { get; }

    /// <summary>Sequence length L.</summary>
    public long Length { get; }

    /// <summary>Model width d.</summary>
    public long Dimension { get; }

    /// <summary>[items, d] output (= input) embeddings of the catalogue, padding row left out.</summary>
    public Tensor ItemVectors() => item_embedding.weight!.narrow(0, 1, ItemCount);

    /// <summary>
    /// Sequence states: <paramref name="sequences"/> is [batch, L] int64 of item index + 1 (0 = padding),
    /// the result [batch, L, d]; the state at position t summarises the movies up to t.
    /// </summary>
    public override Tensor forward(Tensor sequences)
    {
        var length = sequences.shape[1];
        var keep = sequences.ne(0).unsqueeze(-1).to_type(ScalarType.Float32);
        var positions = arange(length, dtype: ScalarType.Int64, device: sequences.device).unsqueeze(0);
        var hidden = (item_embedding.forward(sequences) * _scale) + position_embedding.forward(positions);
        hidden = embedding_dropout.forward(hidden) * keep;
        var mask = CausalMask(length, sequences.device);
        foreach (var block in blocks)
        {
            hidden = block.forward(hidden, mask, keep);
        }

        return final_norm.forward(hidden);
    }

    /// <summary>The state after the last position of each sequence ([batch, L] → [batch, d]).</summary>
    public Tensor LastStates(Tensor sequences) => forward(sequences).select(1, sequences.shape[1] - 1);

    /// <summary>[L, L] additive causal mask: 0 where key s ≤ query t, −∞ above the diagonal.</summary>
    private static Tensor CausalMask(long length, Device device) =>
        zeros(length, length, device: device)
            .masked_fill(ones(length, length, dtype: ScalarType.Bool, device: device).triu(1), float.NegativeInfinity);
}
