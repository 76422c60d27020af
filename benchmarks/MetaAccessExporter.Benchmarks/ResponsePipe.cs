using System.Buffers;
using System.IO.Pipelines;
using MetaAccessExporter.Metrics;
using MetaAccessExporter.Metrics.Exposition;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;

namespace MetaAccessExporter.Benchmarks;

/// <summary>
/// Stands for <c>HttpResponse.BodyWriter</c> as the endpoint uses it: a scrape renders straight into
/// a pipe whose segments come from Kestrel's own block pool (4 KiB blocks, obtained through
/// <see cref="IMemoryPoolFactory{T}"/> from a Kestrel host's services, as a connection gets it), then
/// flushes once. The pipe lives as long as the benchmark, as Kestrel's output lives as long as a
/// kept-alive connection; after each scrape its reader takes everything and returns the blocks to
/// the pool, as the socket sender does once the bytes are on the wire (the send itself is not measured).
/// No back-pressure threshold: the endpoint does not flush before the end, so nothing waits.
/// </summary>
internal sealed class ResponsePipe
{
    private static readonly Lazy<MemoryPool<byte>> KestrelPool = new(() =>
    {
        var app = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] }).Build();
        return app.Services.GetRequiredService<IMemoryPoolFactory<byte>>().Create();
    });

    private readonly Pipe _pipe = new(new PipeOptions(
        pool: KestrelPool.Value, pauseWriterThreshold: 0, resumeWriterThreshold: 0, useSynchronizationContext: false));

    /// <summary>One scrape: render, flush once, then drain. Returns the bytes written.</summary>
    public int Scrape(Action<ExpositionWriter> render)
    {
        render(new ExpositionWriter(_pipe.Writer, ExpositionFormat.PrometheusText));
        return FlushAndDrain();
    }

    /// <summary>One <c>/metrics</c> scrape: the whole answer, process families included, then flush once and drain.</summary>
    public async Task<int> ScrapeAsync(MetricsAnswer answer)
    {
        await answer.WriteToAsync(_pipe.Writer, ExpositionFormat.PrometheusText, CancellationToken.None);
        return FlushAndDrain();
    }

    /// <summary>One scrape of pre-rendered chunks, copied into the pipe as the endpoint does. Returns the bytes written.</summary>
    public int Send(IEnumerable<ReadOnlyMemory<byte>> chunks)
    {
        foreach (var chunk in chunks)
            _pipe.Writer.Write(chunk.Span);
        return FlushAndDrain();
    }

    private int FlushAndDrain()
    {
        var flush = _pipe.Writer.FlushAsync();
        if (!flush.IsCompletedSuccessfully)
            flush.AsTask().GetAwaiter().GetResult();
        if (!_pipe.Reader.TryRead(out var read))
            return 0;
        var length = read.Buffer.Length;
        _pipe.Reader.AdvanceTo(read.Buffer.End);
        return checked((int)length);
    }
}
