using System.Buffers;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using TerminologyServer.Api.Errors;
using TerminologyServer.Api.Operations;
using TerminologyServer.Engine.CodeSystems;
using TerminologyServer.Engine.Lookup;
using TerminologyServer.Storage;

namespace TerminologyServer.Benchmarks;

/// <summary>
/// The CPU work of one GET <c>$lookup</c> minus HTTP, step by step: binding the query, the engine, building the
/// Firely Parameters, serializing it; and the same for the trivial endpoint's body (the ceiling).
/// </summary>
[Config(typeof(BenchConfig))]
public class RequestBenchmarks
{
    private readonly LookupService _lookup = new();
    private readonly MemoryStream _out = new();
    private readonly ArrayBufferWriter<byte> _buffer = new(16 * 1024);
    private readonly JsonWriterOptions _writerOptions = LookupJson.WriterOptions(FhirJson.Strict);
    private CodeSystemRegistry _registry = null!;
    private IQueryCollection _query = null!;
    private LookupRequest _request = null!;
    private LookupResult _result = null!;
    private Parameters _parameters = null!;

    [Params("72275", "26")]
    public string Code { get; set; } = "72275";

    [GlobalSetup]
    public void Setup()
    {
        _registry = new CodeSystemRegistry();
        _registry.Put("cpt", TestData.Cpt());
        _query = new QueryCollection(new Dictionary<string, StringValues>
        {
            ["system"] = TestData.CptUrl,
            ["code"] = Code,
        });
        _request = Bind();
        _result = _lookup.Lookup(_registry, _request);
        _parameters = LookupParameters.ToParameters(_result);
    }

    /// <summary>The trivial endpoint's work: build the OperationOutcome and serialize it with Firely.</summary>
    [Benchmark]
    public long Healthz_Body()
    {
        _out.SetLength(0);
        JsonSerializer.Serialize(_out, Outcomes.Information("ok"), FhirJson.Strict);
        return _out.Length;
    }

    [Benchmark]
    public LookupRequest Bind() => LookupParameters.Bind(OperationInput.FromQuery(_query), null, null, null);

    [Benchmark]
    public LookupResult Engine() => _lookup.Lookup(_registry, _request);

    [Benchmark]
    public Parameters ToParameters() => LookupParameters.ToParameters(_result);

    [Benchmark]
    public long FirelySerialize()
    {
        _out.SetLength(0);
        JsonSerializer.Serialize(_out, _parameters, FhirJson.Strict);
        return _out.Length;
    }

    /// <summary>Bind + engine + Parameters + Firely JSON: the whole per-request CPU work of the original path.</summary>
    [Benchmark]
    public long Whole_Firely()
    {
        var result = _lookup.Lookup(_registry, Bind());
        _out.SetLength(0);
        JsonSerializer.Serialize(_out, LookupParameters.ToParameters(result), FhirJson.Strict);
        return _out.Length;
    }

    /// <summary>The same output written by <see cref="LookupJson"/> (what the server now does for JSON).</summary>
    [Benchmark]
    public int FastJsonWrite()
    {
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, _writerOptions))
        {
            LookupJson.Write(writer, _result);
        }

        return _buffer.WrittenCount;
    }

    /// <summary>Bind + engine + fast JSON writer: the whole per-request CPU work of the new path.</summary>
    [Benchmark]
    public int Whole_FastJson()
    {
        var result = _lookup.Lookup(_registry, Bind());
        _buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(_buffer, _writerOptions))
        {
            LookupJson.Write(writer, result);
        }

        return _buffer.WrittenCount;
    }
}
