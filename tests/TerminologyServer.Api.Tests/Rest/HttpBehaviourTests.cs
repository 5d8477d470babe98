using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Hl7.Fhir.Model;
using TerminologyServer.Api.Tests.Infrastructure;
using Xunit.Abstractions;

namespace TerminologyServer.Api.Tests.Rest;

/// <summary>HEAD, OPTIONS, 405 with Allow, conditional reads (304) and response compression, on every provider.</summary>
public abstract class HttpBehaviourTests<TFixture>(TFixture fixture, ITestOutputHelper output) : IClassFixture<TFixture> where TFixture : ApiFixture
{
    private const string BigExpansion = "/fhir/ValueSet/$expand?url=http://hl7.org/fhir/ValueSet/ucum-common";

    private async Task<CodeSystem> CreateAsync()
    {
        var created = await fixture.Writer.PostAsync("/fhir/CodeSystem", Wire.JsonBody(Resources.CrudTests<TFixture>.SampleCodeSystem($"http://example.org/http/{Guid.NewGuid():N}")));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return await Wire.ReadAsync<CodeSystem>(created);
    }

    [SkippableTheory]
    [InlineData("/fhir/metadata")]
    [InlineData("/fhir/CodeSystem?_count=1")]
    [InlineData("/fhir/ValueSet/administrative-gender")]
    [InlineData("/fhir/ValueSet/$expand?url=http://hl7.org/fhir/ValueSet/administrative-gender")]
    [InlineData("/fhir/CodeSystem/$lookup?system=http://hl7.org/fhir/administrative-gender&code=male")]
    [InlineData("/")]
    public async System.Threading.Tasks.Task GivenAGetEndpoint_WhenHeadIsSent_ThenSameStatusAndHeadersWithoutBody(string target)
    {
        fixture.SkipIfUnavailable();

        var get = await fixture.Client.GetAsync(target);
        var head = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, target));

        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenAResource_WhenHeadIsSent_ThenTheETagIsThatOfTheRead()
    {
        fixture.SkipIfUnavailable();
        var cs = await CreateAsync();

        var head = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, $"/fhir/CodeSystem/{cs.Id}"));

        Assert.Equal("W/\"1\"", head.Headers.ETag?.ToString());
        Assert.NotNull(head.Content.Headers.LastModified);
    }

    [SkippableTheory]
    [InlineData("/fhir/metadata", "GET, HEAD, OPTIONS")]
    [InlineData("/fhir/ValueSet/$expand", "GET, HEAD, POST, OPTIONS")]
    [InlineData("/fhir/ValueSet/$batch-validate-code", "POST, OPTIONS")]
    public async System.Threading.Tasks.Task GivenAKnownPath_WhenOptionsIsSent_ThenOkWithAllow(string target, string allow)
    {
        fixture.SkipIfUnavailable();

        var options = await fixture.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, target));

        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.Equal(allow.Split(", ").Order(), options.Content.Headers.Allow.Order());
    }

    [SkippableTheory]
    [InlineData("GET", "/fhir/ValueSet/$batch-validate-code", "POST")]
    [InlineData("DELETE", "/fhir/metadata", "GET")]
    [InlineData("POST", "/fhir/CodeSystem/_history", "GET")]
    public async System.Threading.Tasks.Task GivenAKnownPath_WhenTheMethodIsWrong_Then405WithAllowAndAnOutcome(string method, string target, string allowed)
    {
        fixture.SkipIfUnavailable();

        var response = await fixture.Writer.SendAsync(new HttpRequestMessage(new HttpMethod(method), target));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains(allowed, response.Content.Headers.Allow);
        Assert.Equal(OperationOutcome.IssueType.NotSupported, (await Wire.ReadOutcomeAsync(response)).Issue[0].Code);
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenTheClientHoldsTheCurrentVersion_WhenReadConditionally_Then304WithoutBody()
    {
        fixture.SkipIfUnavailable();
        var cs = await CreateAsync();
        var read = await fixture.Client.GetAsync($"/fhir/CodeSystem/{cs.Id}");

        var byTag = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CodeSystem/{cs.Id}");
        byTag.Headers.IfNoneMatch.Add(read.Headers.ETag!);
        var byDate = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CodeSystem/{cs.Id}");
        byDate.Headers.IfModifiedSince = read.Content.Headers.LastModified;
        var stale = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CodeSystem/{cs.Id}");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"7\"", isWeak: true));
        var older = new HttpRequestMessage(HttpMethod.Get, $"/fhir/CodeSystem/{cs.Id}");
        older.Headers.IfModifiedSince = read.Content.Headers.LastModified!.Value.AddHours(-1);

        var notModified = await fixture.Client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("W/\"1\"", notModified.Headers.ETag?.ToString());
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Client.SendAsync(byDate)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.SendAsync(stale)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fixture.Client.SendAsync(older)).StatusCode);
    }

    [SkippableTheory]
    [InlineData("/fhir/metadata")]
    [InlineData("/fhir/metadata?mode=terminology")]
    public async System.Threading.Tasks.Task GivenTheCapabilityStatement_WhenReadAgainWithItsETag_Then304(string target)
    {
        fixture.SkipIfUnavailable();
        var first = await fixture.Client.GetAsync(target);

        var again = new HttpRequestMessage(HttpMethod.Get, target);
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        Assert.Equal(HttpStatusCode.NotModified, (await fixture.Client.SendAsync(again)).StatusCode);
    }

    [SkippableTheory]
    [InlineData("gzip")]
    [InlineData("br")]
    public async System.Threading.Tasks.Task GivenAClientThatAcceptsCompression_WhenALargeAnswerIsSent_ThenItIsCompressedAndTheSame(string encoding)
    {
        fixture.SkipIfUnavailable();
        var plain = await fixture.Client.GetAsync(BigExpansion);
        var request = new HttpRequestMessage(HttpMethod.Get, BigExpansion);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));

        var compressed = await fixture.Client.SendAsync(request);

        Assert.Null(plain.Content.Headers.ContentEncoding.FirstOrDefault());
        Assert.Equal(encoding, Assert.Single(compressed.Content.Headers.ContentEncoding));
        var bytes = await compressed.Content.ReadAsByteArrayAsync();
        using Stream decoder = encoding == "gzip"
            ? new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress)
            : new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var text = new MemoryStream();
        await decoder.CopyToAsync(text);
        var original = await plain.Content.ReadAsByteArrayAsync();
        // Expansions carry their timestamp and identifier; everything else must be the same bytes.
        Assert.InRange(text.Length, original.Length - 100, original.Length + 100);
        Assert.True(bytes.Length * 4 < original.Length, $"{encoding}: {original.Length} bytes became {bytes.Length}");
        output.WriteLine($"{encoding}: {original.Length:N0} -> {bytes.Length:N0} bytes");
    }

    [SkippableFact]
    public async System.Threading.Tasks.Task GivenASmallAnswer_WhenTheClientAcceptsCompression_ThenItIsSentAsIs()
    {
        fixture.SkipIfUnavailable();
        var request = new HttpRequestMessage(HttpMethod.Get, "/fhir/CodeSystem/unknown-id");
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));

        var response = await fixture.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.NotNull(await Wire.ReadOutcomeAsync(response));
    }
}

public sealed class SqliteHttpBehaviourTests(SqliteFixture fixture, ITestOutputHelper output) : HttpBehaviourTests<SqliteFixture>(fixture, output);

public sealed class PostgresHttpBehaviourTests(PostgresFixture fixture, ITestOutputHelper output) : HttpBehaviourTests<PostgresFixture>(fixture, output);
