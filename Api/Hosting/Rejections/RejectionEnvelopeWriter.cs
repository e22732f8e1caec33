using System.Buffers;
using System.IO.Pipelines;

namespace Platform.Api.Hosting.Rejections;

/// <summary>
/// The connection's output as Kestrel sees it. While the app owns the response every call goes straight through; any
/// other output of an HTTP/1.1 connection is Kestrel rejecting a request (a bare head, `Content-Length: 0`, then the
/// connection closes), so it is held until Kestrel flushes it and goes out as <see cref="RejectionHead"/> rewrites it.
/// Output that is not such a head (HTTP/2 frames, TLS records) turns holding off for the connection.
/// </summary>
internal sealed class RejectionEnvelopeWriter(PipeWriter inner, ResponseOwnership ownership, RejectionBodies bodies) : PipeWriter
{
    // Kestrel's rejection head is well under 256 bytes; anything larger is not one.
    const int HoldLimit = 2048;

    byte[]? _held;
    int _heldLength;
    bool _passThrough;

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes + _heldLength;

    public override Memory<byte> GetMemory(int sizeHint = 0) =>
        Hold(sizeHint) ? _held.AsMemory(_heldLength) : inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) =>
        Hold(sizeHint) ? _held.AsSpan(_heldLength) : inner.GetSpan(sizeHint);

    public override void Advance(int bytes)
    {
        if (_held is null)
            inner.Advance(bytes);
        else
            _heldLength += bytes;
    }

    public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        Release();
        return inner.FlushAsync(cancellationToken);
    }

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override void Complete(Exception? exception = null)
    {
        Release();
        inner.Complete(exception);
    }

    public override ValueTask CompleteAsync(Exception? exception = null)
    {
        Release();
        return inner.CompleteAsync(exception);
    }

    bool Hold(int sizeHint)
    {
        if (_held is null)
        {
            if (_passThrough || ownership.AppOwnsResponse)
                return false;
            _held = ArrayPool<byte>.Shared.Rent(HoldLimit);
            _heldLength = 0;
        }
        if (_held.Length - _heldLength >= Math.Max(sizeHint, 1))
            return true;
        _passThrough = true;
        Release();
        return false;
    }

    void Release()
    {
        if (_held is not { } held)
            return;
        var head = held.AsSpan(0, _heldLength);
        if (!_passThrough && RejectionHead.IsHttp1(head))
        {
            if (!RejectionHead.TryWriteEnveloped(head, bodies, inner))
                inner.Write(head);
        }
        else
        {
            _passThrough = true;
            inner.Write(head);
        }
        _held = null;
        _heldLength = 0;
        ArrayPool<byte>.Shared.Return(held);
    }
}
