using static TorchSharp.torch;

namespace MovieRec.Training;

/// <summary>
/// Row-wise ("lazy") Adam/AdamW for one large embedding table that is kept out of the dense optimizer: each step
/// only the rows a batch touches get a gradient, a moment update and a weight update, so no table-sized gradient
/// or optimizer temporary is allocated per step (what PyTorch's SparseAdam and TensorFlow's LazyAdam do;
/// TorchSharp 0.107 has neither, and its Adam/AdamW reject sparse gradients).
/// </summary>
/// <remarks>
/// <para>Use per step: <see cref="Open"/> the ids the batch will look up (a leaf tensor of those rows that requires
/// grad is built), read rows through <see cref="Lookup"/> in the forward pass, run backward, then <see cref="Step"/>
/// with the step's learning rate (which writes the touched rows back and closes). Between steps the table is the
/// plain weight, read as usual (validation, recommendation).</para>
/// <para>Moments are tables like the weight; a step reads and writes only the touched rows (index_select /
/// index_copy_). Bias correction uses the <b>global</b> step count (one per <see cref="Step"/>), as PyTorch's
/// SparseAdam and TensorFlow's LazyAdam do, not a per-row count: a row touched for the first time at step t then gets
/// exactly the update dense Adam would give it (its moments were zero there too), and when every row is touched at
/// every step the result is dense Adam/AdamW's. Rows a step does not touch keep their weight and moments; dense
/// Adam would still decay their moments and move them by the remaining momentum, and AdamW's decoupled weight
/// decay here applies to touched rows only. That is the whole difference from the dense optimizer.</para>
/// </remarks>
public sealed class LazyAdamTable : IDisposable
{
    private readonly Tensor _firstMoment;
    private readonly Tensor _secondMoment;
    private readonly Tensor _slots;
    private readonly bool _decoupled;
    private readonly double _beta1;
    private readonly double _beta2;
    private readonly double _epsilon;
    private readonly double _weightDecay;
    private Tensor? _rows;
    private Tensor? _leaf;

    /// <summary>Creates the optimizer state (zero moments) for <paramref name="weight"/>, a 2-D float table updated in place.</summary>
    /// <param name="weight">The table [rows, width]; it should not require grad (it is updated here, not by autograd).</param>
    /// <param name="optimizer">AdamW (decoupled weight decay) or Adam (L2 penalty added to the gradient).</param>
    /// <param name="weightDecay">Weight decay λ ≥ 0.</param>
    /// <param name="beta1">First-moment decay. Default 0.9 (the training loop's).</param>
    /// <param name="beta2">Second-moment decay. Default 0.999.</param>
    /// <param name="epsilon">Added to the denominator. Default 1e-8.</param>
    public LazyAdamTable(Tensor weight, OptimizerKind optimizer, double weightDecay = 0, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        ArgumentNullException.ThrowIfNull(weight);
        if (weight.dim() != 2 || weight.dtype != ScalarType.Float32)
        {
            throw new ArgumentException("The table must be a 2-D float32 tensor.", nameof(weight));
        }

        if (!(weightDecay >= 0) || !(beta1 is >= 0 and < 1) || !(beta2 is >= 0 and < 1) || !(epsilon > 0))
        {
            throw new ArgumentException("Need weight decay ≥ 0, betas in [0, 1) and a positive epsilon.", nameof(weightDecay));
        }

        Weight = weight;
        _decoupled = optimizer == OptimizerKind.AdamW;
        _weightDecay = weightDecay;
        _beta1 = beta1;
        _beta2 = beta2;
        _epsilon = epsilon;
        _firstMoment = zeros_like(weight).DetachFromDisposeScope();
        _secondMoment = zeros_like(weight).DetachFromDisposeScope();
        _slots = zeros(weight.shape[0], dtype: ScalarType.Int64).DetachFromDisposeScope();
    }

    /// <summary>The table this optimizer updates.</summary>
    public Tensor Weight { get; }

    /// <summary>Steps taken (the t of the bias correction).</summary>
    public long StepCount { get; private set; }

    /// <summary>Whether rows are open (between <see cref="Open"/> and <see cref="Step"/>).</summary>
    public bool IsOpen => _leaf is not null;

    /// <summary>
    /// Opens the distinct rows among <paramref name="ids"/> (int64, any shape, repeats allowed) for this step and returns
    /// them as a leaf tensor [distinct, width] that requires grad (rows in ascending id order).
    /// </summary>
    public Tensor Open(Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (IsOpen)
        {
            throw new InvalidOperationException("Rows are already open: call Step first.");
        }

        using (no_grad())
        {
            var (rows, _, _) = ids.reshape(-1).unique(sorted: true);
            _rows = rows.DetachFromDisposeScope();
            _slots.index_copy_(0, _rows, arange(_rows.shape[0], dtype: ScalarType.Int64));
            _leaf = Weight.index_select(0, _rows).DetachFromDisposeScope();
        }

        _leaf.requires_grad_(true);
        return _leaf;
    }

    /// <summary>The rows of <paramref name="ids"/> ([…] → […, width]) through the open leaf, so gradients reach it; every id must have been opened.</summary>
    public Tensor Lookup(Tensor ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var leaf = _leaf ?? throw new InvalidOperationException("No rows are open.");
        var shape = ids.shape.Append(leaf.shape[1]).ToArray();
        return leaf.index_select(0, _slots.index_select(0, ids.reshape(-1))).view(shape);
    }

    /// <summary>
    /// Applies one Adam/AdamW step with <paramref name="learningRate"/> to the open rows from their gradient (none:
    /// no change, but the step still counts) and closes them.
    /// </summary>
    public void Step(double learningRate)
    {
        var leaf = _leaf ?? throw new InvalidOperationException("No rows are open.");
        var rows = _rows!;
        StepCount++;
        try
        {
            using var scope = NewDisposeScope();
            using var noGrad = no_grad();
            var gradient = leaf.grad;
            if (gradient is null)
            {
                return;
            }

            var values = leaf.detach();
            if (_weightDecay > 0)
            {
                if (_decoupled)
                {
                    values = values * (1 - (learningRate * _weightDecay));
                }
                else
                {
                    gradient = gradient + (values * _weightDecay);
                }
            }

            var first = _firstMoment.index_select(0, rows).mul_(_beta1).add_(gradient, alpha: 1 - _beta1);
            var second = _secondMoment.index_select(0, rows).mul_(_beta2).addcmul_(gradient, gradient, value: 1 - _beta2);
            var correction1 = 1 - Math.Pow(_beta1, StepCount);
            var correction2 = 1 - Math.Pow(_beta2, StepCount);
            var denominator = (second.sqrt() / Math.Sqrt(correction2)).add_(_epsilon);
            var updated = values.addcdiv(first, denominator, value: -learningRate / correction1);
            _firstMoment.index_copy_(0, rows, first);
            _secondMoment.index_copy_(0, rows, second);
            Weight.index_copy_(0, rows, updated);
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Zeroes the moments and the step count (a fresh optimizer), closing any open rows.</summary>
    public void Reset()
    {
        Close();
        using (no_grad())
        {
            _firstMoment.zero_();
            _secondMoment.zero_();
        }

        StepCount = 0;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        _firstMoment.Dispose();
        _secondMoment.Dispose();
        _slots.Dispose();
    }

    private void Close()
    {
        _leaf?.Dispose();
        _rows?.Dispose();
        _leaf = null;
        _rows = null;
    }
}
