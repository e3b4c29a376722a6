using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MovieRec.Models.Neural;

/// <summary>
/// NeuMF (He et al., "Neural Collaborative Filtering", WWW 2017): a GMF branch (element-wise product of a
/// user and an item embedding) and an MLP branch (its own user and item embeddings concatenated → ReLU
/// tower), concatenated and mapped to one logit by a final linear layer. The two branches keep separate
/// embeddings, as in the paper, so each can use the size that suits it. Optionally a per-movie bias is added
/// to the logit: with uniformly drawn negatives it learns how much more often a movie is a positive than a
/// random draw, i.e. its popularity, which neither branch can express directly (GMF has no constant input).
/// Two fifth-round options: a fixed logit scale (the logit is multiplied by it, i.e. a softmax temperature 1/scale)
/// and a fixed, untrained per-movie prior added after the scale (<see cref="DeepNcfOptions.PopularityPrior"/>
/// times log(1 + training count)); an MLP dimension of 0 drops the MLP branch (GMF alone).
/// </summary>
public sealed class NeuMfModule : PairScoringModule
{
    private readonly Embedding gmf_user;
    private readonly Embedding gmf_item;
    private readonly Embedding? mlp_user;
    private readonly Embedding? mlp_item;
    private readonly Sequential? mlp;
    private readonly Linear output;
    private readonly Embedding? item_bias;
    private readonly Dropout? gmf_dropout;
    private readonly UserHistoryEncoder? gmf_history;
    private readonly UserHistoryEncoder? mlp_history;
    private readonly bool normalizeGmf;
    private readonly bool freeGmfUsers;
    private readonly long mlpDimension;
    private readonly double logitScale;

    /// <summary><see cref="logitScale"/> as a Scalar held for the module's life (the reason is at <see cref="One"/>'s use).</summary>
    private readonly Scalar logitScaleScalar;

    /// <summary>[items] fixed prior added to every logit, or null; computed from the training data, never trained or saved.</summary>
    private readonly Tensor? itemPrior;

    /// <summary>The alpha of every add in <see cref="Score"/>, held for the process's life (see there).</summary>
    private static readonly Scalar One = 1.0.ToScalar();

    /// <param name="userCount">Users.</param>
    /// <param name="itemCount">Movies.</param>
    /// <param name="gmfDimension">Size of the GMF embeddings (predictive factors of GMF).</param>
    /// <param name="mlpDimension">Size of each MLP-branch embedding (the tower input is twice this).</param>
    /// <param name="hiddenSizes">Widths of the MLP tower.</param>
    /// <param name="dropout">Dropout after each tower layer during training.</param>
    /// <param name="initialScale">Standard deviation of the initial embeddings (the paper: 0.01).</param>
    /// <param name="itemBias">Add a learned per-movie bias (initialised to 0) to the logit.</param>
    /// <param name="logitScale">Fixed factor of the learned logit (1 = none).</param>
    /// <param name="itemPrior">[items] fixed values added to the scaled logit (not trained, not saved), or null.</param>
    /// <param name="normalizeGmf">Scale the GMF user and movie rows to unit length before their product (a cosine-style GMF).</param>
    /// <param name="gmfDropout">Dropout on the GMF user vector during training (0 = none; no weights, so saved folders are unaffected).</param>
    /// <param name="userHistory">
    /// Add an SVD++/FISM-style history vector n_u^−β·Σ_{j ∈ I_u} y_j to the GMF user embedding (<see cref="UserHistoryEncoder"/>,
    /// its own y table; the histories come from <see cref="SetHistory"/>).
    /// </param>
    /// <param name="historyWeightExponent">β of the history vector's normalisation.</param>
    /// <param name="historyDropout">Probability of dropping each history movie during training.</param>
    /// <param name="freeUserEmbedding">
    /// With <paramref name="userHistory"/>: false leaves the free GMF user embedding out, so the GMF user vector is the history
    /// vector alone (FISM / an autoencoder of the user's movies). The table still exists (unused, zero gradient) so the
    /// weights' layout does not depend on this. Applies to the MLP branch's user embedding too when <paramref name="historyInMlp"/>.
    /// </param>
    /// <param name="historyInMlp">With <paramref name="userHistory"/>: the MLP branch's user vector gets its own history vector (own y table) too.</param>
    /// <remarks>An <paramref name="mlpDimension"/> of 0 builds GMF alone (no MLP branch; <paramref name="hiddenSizes"/> unused).</remarks>
    public NeuMfModule(
        long userCount, long itemCount, int gmfDimension, int mlpDimension, IReadOnlyList<int> hiddenSizes, double dropout, double initialScale,
        bool itemBias = false, double logitScale = 1, float[]? itemPrior = null, double gmfDropout = 0,
        bool normalizeGmf = false, bool userHistory = false, double historyWeightExponent = 0.5, double historyDropout = 0,
        bool freeUserEmbedding = true, bool historyInMlp = false)
        : base(nameof(NeuMfModule))
    {
        gmf_user = NeuralLayers.Embedding(userCount, gmfDimension, initialScale);
        gmf_item = NeuralLayers.Embedding(itemCount, gmfDimension, initialScale);
        long towerWidth = 0;
        if (mlpDimension > 0)
        {
            mlp_user = NeuralLayers.Embedding(userCount, mlpDimension, initialScale);
            mlp_item = NeuralLayers.Embedding(itemCount, mlpDimension, initialScale);
            mlp = NeuralLayers.Mlp(2L * mlpDimension, hiddenSizes, dropout);
            towerWidth = hiddenSizes.Count == 0 ? 2L * mlpDimension : hiddenSizes[^1];
        }

        output = nn.Linear(gmfDimension + towerWidth, 1);
        if (gmfDropout > 0)
        {
            gmf_dropout = nn.Dropout(gmfDropout);
        }

        if (itemBias)
        {
            item_bias = NeuralLayers.Embedding(itemCount, 1, 0);
        }

        // Created last, so the other tables draw the same initial values with and without it.
        if (userHistory)
        {
            gmf_history = new UserHistoryEncoder(itemCount, gmfDimension, initialScale, historyWeightExponent, historyDropout);
            if (historyInMlp && mlpDimension > 0)
            {
                mlp_history = new UserHistoryEncoder(itemCount, mlpDimension, initialScale, historyWeightExponent, historyDropout);
            }
        }

        this.mlpDimension = mlpDimension;
        this.logitScale = logitScale;
        this.normalizeGmf = normalizeGmf;
        freeGmfUsers = freeUserEmbedding || !userHistory;
        logitScaleScalar = logitScale.ToScalar();
        RegisterComponents();

        // After RegisterComponents, so the prior is not a buffer: it is rebuilt from the saved ratings on load.
        if (itemPrior is not null)
        {
            if (itemPrior.Length != itemCount)
            {
                throw new ArgumentException($"itemPrior has {itemPrior.Length} values for {itemCount} movies.", nameof(itemPrior));
            }

            this.itemPrior = tensor(itemPrior).DetachFromDisposeScope();
        }
    }

    /// <inheritdoc/>
    public override Tensor Score(Tensor users, Tensor items)
    {
        var gmf = GmfUsers(users) * GmfRows(gmf_item.forward(items));
        var features = mlp is null ? gmf : cat([gmf, mlp.forward(cat([MlpUsers(users), mlp_item!.forward(items)], 1))], 1);
        var logit = output.forward(features).squeeze(1);
        // add(…, One) rather than "+": the operator makes a temporary Scalar for alpha that nothing holds during the
        // native call; one tuning run failed in Recommend's parallel rows with libtorch's Scalar "toFloat" check here,
        // consistent with that temporary being finalised mid-call. A static Scalar cannot be.
        if (item_bias is not null)
        {
            logit = logit.add(item_bias.forward(items).squeeze(1), One);
        }

        return ScaleAndPrior(logit, itemPrior?.index_select(0, items));
    }

    /// <summary>True when the GMF user vector includes the history vector (<see cref="SetHistory"/> must then be called before scoring).</summary>
    public bool HasUserHistory => gmf_history is not null;

    /// <summary>
    /// The users' training movies the history vector sums over (the fit part while training, all training movies for
    /// recommending). No effect without <see cref="HasUserHistory"/>.
    /// </summary>
    public void SetHistory(SeenItems history)
    {
        gmf_history?.SetHistory(history);
        mlp_history?.SetHistory(history);
    }

    /// <summary>The MLP branch's user rows (free embedding and/or the history vector).</summary>
    private Tensor MlpUsers(Tensor users) => UserRows(mlp_user!, mlp_history, users);

    /// <summary>The GMF user rows (free embedding and/or the history vector), with dropout while training if it is on.</summary>
    private Tensor GmfUsers(Tensor users)
    {
        var rows = GmfRows(UserRows(gmf_user, gmf_history, users));
        return gmf_dropout is null ? rows : gmf_dropout.forward(rows);
    }

    /// <summary>One branch's user rows: the free embedding, its history vector, or (SVD++) their sum.</summary>
    private Tensor UserRows(Embedding free, UserHistoryEncoder? history, Tensor users) =>
        history is null ? free.forward(users)
        : freeGmfUsers ? free.forward(users).add(history.forward(users), One)
        : history.forward(users);

    /// <summary>GMF embedding rows, scaled to unit length if <see cref="normalizeGmf"/> is on.</summary>
    private Tensor GmfRows(Tensor rows) => normalizeGmf ? nn.functional.normalize(rows, p: 2, dim: 1, eps: 1e-8) : rows;

    /// <summary>logitScale·logit (+ the fixed prior), the last step of both scorers.</summary>
    private Tensor ScaleAndPrior(Tensor logit, Tensor? prior)
    {
        if (logitScale != 1)
        {
            logit = logit.mul(logitScaleScalar);
        }

        return prior is null ? logit : logit.add(prior, One);
    }

    /// <summary>
    /// Scores every item for each of <paramref name="users"/> ([n] → [n, items]), the same numbers as
    /// <see cref="Score"/> up to rounding, for validation of all users at a fraction of the cost: the tower's
    /// first layer is linear in the concatenation [p_u ; q_i], so W·[p_u ; q_i] = W_u·p_u + W_i·q_i is computed
    /// once per user and once per movie instead of once per pair, and the GMF part is one matrix product.
    /// </summary>
    public Tensor ScoreAllItems(Tensor users)
    {
        var rows = users.shape[0];
        var items = GmfRows(gmf_item.weight!);
        var itemCount = items.shape[0];
        var outputWeight = output.weight!;
        var gmfWidth = items.shape[1];
        var gmfScores = (GmfUsers(users) * outputWeight.narrow(1, 0, gmfWidth)).matmul(items.t());

        var scores = gmfScores;
        if (mlp is not null)
        {
            scores = scores + TowerScores(users, outputWeight.narrow(1, gmfWidth, outputWeight.shape[1] - gmfWidth));
        }

        scores = scores + output.bias!;
        if (item_bias is not null)
        {
            scores = scores + item_bias.weight!.view(1, itemCount);
        }

        return ScaleAndPrior(scores, itemPrior?.view(1, itemCount));
    }

    /// <summary>The MLP branch's share of the logit for every (user, movie) pair ([n] → [n, items]), factored as described above.</summary>
    private Tensor TowerScores(Tensor users, Tensor outputWeight)
    {
        var rows = users.shape[0];
        var itemCount = gmf_item.weight!.shape[0];
        var layers = mlp!.children().Cast<nn.Module<Tensor, Tensor>>().ToList();
        Tensor tower;
        if (layers.Count > 0 && layers[0] is Linear first)
        {
            var weight = first.weight!;
            var userPart = MlpUsers(users).matmul(weight.narrow(1, 0, mlpDimension).t());
            var itemPart = mlp_item!.weight!.matmul(weight.narrow(1, mlpDimension, mlpDimension).t());
            if (first.bias is { } bias)
            {
                itemPart = itemPart + bias;
            }

            tower = (userPart.unsqueeze(1) + itemPart.unsqueeze(0)).view(rows * itemCount, -1);
            foreach (var layer in layers.Skip(1))
            {
                tower = layer.forward(tower);
            }
        }
        else
        {
            var userRows = MlpUsers(users).unsqueeze(1).expand(rows, itemCount, mlpDimension);
            var itemRows = mlp_item!.weight!.unsqueeze(0).expand(rows, itemCount, mlpDimension);
            tower = cat([userRows, itemRows], 2).view(rows * itemCount, -1);
        }

        return tower.matmul(outputWeight.t()).view(rows, itemCount);
    }

    /// <summary>
    /// NeuMF's pre-training (He et al. §3.4.1), GMF half: copies a trained GMF-alone module's embeddings, item bias and
    /// output weights into this module's GMF branch, scaled by <paramref name="alpha"/>, and scales the MLP branch's
    /// output weights by 1 − α. The modules must agree on every size except the MLP branch, which
    /// <paramref name="gmfAlone"/> must not have.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="gmfAlone"/> has an MLP branch or other sizes.</exception>
    public void InitialiseGmfFrom(NeuMfModule gmfAlone, double alpha)
    {
        ArgumentNullException.ThrowIfNull(gmfAlone);
        var width = gmf_user.weight!.shape[1];
        if (gmfAlone.mlp is not null || (gmfAlone.item_bias is null) != (item_bias is null) ||
            !gmfAlone.gmf_user.weight!.shape.SequenceEqual(gmf_user.weight!.shape) || !gmfAlone.gmf_item.weight!.shape.SequenceEqual(gmf_item.weight!.shape))
        {
            throw new ArgumentException("The pre-trained module must be GMF alone with this module's sizes and item bias.", nameof(gmfAlone));
        }

        using var scope = NewDisposeScope();
        using (no_grad())
        {
            gmf_user.weight!.copy_(gmfAlone.gmf_user.weight!);
            gmf_item.weight!.copy_(gmfAlone.gmf_item.weight!);
            item_bias?.weight!.copy_(gmfAlone.item_bias!.weight!);
            if (gmf_history is not null && gmfAlone.gmf_history is not null)
            {
                gmf_history.ItemWeights.copy_(gmfAlone.gmf_history.ItemWeights);
            }

            output.bias!.copy_(gmfAlone.output.bias!);
            var weight = output.weight!;
            weight.narrow(1, 0, width).copy_(gmfAlone.output.weight! * alpha);
            if (weight.shape[1] > width)
            {
                weight.narrow(1, width, weight.shape[1] - width).mul_(1 - alpha);
            }
        }
    }

    /// <summary>‖GMF user row‖² + ‖MLP user row‖² per user ([n] → [n]), for the per-example L2 penalty.</summary>
    public Tensor UserSquaredNorms(Tensor users)
    {
        var norms = gmf_user.forward(users).square().sum(1);
        return mlp_user is null ? norms : norms + mlp_user.forward(users).square().sum(1);
    }

    /// <summary>‖GMF movie row‖² + ‖MLP movie row‖² (+ bias²) per movie ([n] → [n]), for the per-example L2 penalty.</summary>
    public Tensor ItemSquaredNorms(Tensor items)
    {
        var norms = gmf_item.forward(items).square().sum(1);
        if (mlp_item is not null)
        {
            norms = norms + mlp_item.forward(items).square().sum(1);
        }

        return item_bias is null ? norms : norms + item_bias.forward(items).square().squeeze(1);
    }

    /// <inheritdoc/>
    public override Tensor ItemVectors() => mlp_item is null ? gmf_item.weight!.alias() : cat([gmf_item.weight!, mlp_item.weight!], 1);

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            itemPrior?.Dispose();
            logitScaleScalar.Dispose();
        }

        base.Dispose(disposing);
    }
}
