using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// NeuMF (He et al., "Neural Collaborative Filtering", WWW 2017): a GMF branch (element-wise product of a
/// user and an item embedding) and an MLP branch (its own user and item embeddings concatenated → ReLU
/// tower), concatenated and mapped to one logit by a final linear layer. The two branches keep separate
/// embeddings, as in the paper, so each can use the size that suits it.
/// </summary>
public sealed class NeuMfModule : PairScoringModule
{
    private readonly Embedding gmf_user;
    private readonly Embedding gmf_item;
    private readonly Embedding mlp_user;
    private readonly Embedding mlp_item;
    private readonly Sequential mlp;
    private readonly Linear output;

    /// <param name="userCount">Users.</param>
    /// <param name="itemCount">Movies.</param>
    /// <param name="gmfDimension">Size of the GMF embeddings (predictive factors of GMF).</param>
    /// <param name="mlpDimension">Size of each MLP-branch embedding (the tower input is twice this).</param>
    /// <param name="hiddenSizes">Widths of the MLP tower.</param>
    /// <param name="dropout">Dropout after each tower layer during training.</param>
    /// <param name="initialScale">Standard deviation of the initial embeddings (the paper: 0.01).</param>
    public NeuMfModule(long userCount, long itemCount, int gmfDimension, int mlpDimension, IReadOnlyList<int> hiddenSizes, double dropout, double initialScale)
        : base(nameof(NeuMfModule))
    {
        gmf_user = NeuralLayers.Embedding(userCount, gmfDimension, initialScale);
        gmf_item = NeuralLayers.Embedding(itemCount, gmfDimension, initialScale);
        mlp_user = NeuralLayers.Embedding(userCount, mlpDimension, initialScale);
        mlp_item = NeuralLayers.Embedding(itemCount, mlpDimension, initialScale);
        mlp = NeuralLayers.Mlp(2L * mlpDimension, hiddenSizes, dropout);
        output = nn.Linear(gmfDimension + (hiddenSizes.Count == 0 ? 2L * mlpDimension : hiddenSizes[^1]), 1);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public override Tensor Score(Tensor users, Tensor items)
    {
        var gmf = gmf_user.forward(users) * gmf_item.forward(items);
        var tower = mlp.forward(cat([mlp_user.forward(users), mlp_item.forward(items)], 1));
        return output.forward(cat([gmf, tower], 1)).squeeze(1);
    }

    /// <summary>
    /// Scores every item for each of <paramref name="users"/> ([n] → [n, items]), for validation.
    /// </summary>
    public Tensor ScoreAllItems(Tensor users)
    {
        var rows = users.shape[0];
        var itemCount = gmf_item.weight!.shape[0];
        var userRows = users.repeat_interleave(itemCount);
        var itemRows = arange(itemCount, dtype: ScalarType.Int64).repeat(rows);
        return Score(userRows, itemRows).view(rows, itemCount);
    }

    /// <inheritdoc/>
    public override Tensor ItemVectors() => cat([gmf_item.weight!, mlp_item.weight!], 1);
}
