using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Sequences;

/// <summary>
/// One SASRec block (Kang and McAuley 2018, section III-B, in the layout of the authors' code): layer norm of
/// the input as the query, causal multi-head self-attention over the un-normalised input, a residual
/// connection, then layer norm → point-wise two-layer feed-forward (ReLU, dropout) with a residual
/// connection. Padded positions are zeroed after the block so they carry nothing into the next one.
/// </summary>
public sealed class SelfAttentionBlock : nn.Module<Tensor, Tensor, Tensor, Tensor>
{
    private readonly LayerNorm attention_norm;
    private readonly MultiheadAttention attention;
    private readonly LayerNorm feed_forward_norm;
    private readonly Linear feed_forward_in;
    private readonly Linear feed_forward_out;
    private readonly Dropout feed_forward_dropout;

    /// <param name="dimension">Model width d.</param>
    /// <param name="heads">Attention heads (divides d).</param>
    /// <param name="dropout">Dropout on attention weights and feed-forward activations.</param>
    public SelfAttentionBlock(long dimension, long heads, double dropout)
        : base(nameof(SelfAttentionBlock))
    {
        attention_norm = nn.LayerNorm(dimension, eps: 1e-8);
        attention = nn.MultiheadAttention(dimension, heads, dropout: dropout);
        feed_forward_norm = nn.LayerNorm(dimension, eps: 1e-8);
        feed_forward_in = nn.Linear(dimension, dimension);
        feed_forward_out = nn.Linear(dimension, dimension);
        feed_forward_dropout = nn.Dropout(dropout);
        RegisterComponents();
    }

    /// <summary>Runs the block.</summary>
    /// <param name="input">[batch, length, d] sequence states.</param>
    /// <param name="attentionMask">[length, length] additive mask (0 allowed, −∞ blocked).</param>
    /// <param name="keep">[batch, length, 1] 1 for real positions, 0 for padding.</param>
    public override Tensor forward(Tensor input, Tensor attentionMask, Tensor keep)
    {
        // MultiheadAttention takes [length, batch, d].
        var query = attention_norm.forward(input);
        var (attended, _) = attention.forward(
            query.transpose(0, 1), input.transpose(0, 1), input.transpose(0, 1), null, false, attentionMask);
        var hidden = query + attended.transpose(0, 1);
        hidden = feed_forward_norm.forward(hidden);
        var inner = feed_forward_dropout.forward(nn.functional.relu(feed_forward_in.forward(hidden)));
        hidden = hidden + feed_forward_dropout.forward(feed_forward_out.forward(inner));
        return hidden * keep;
    }
}
