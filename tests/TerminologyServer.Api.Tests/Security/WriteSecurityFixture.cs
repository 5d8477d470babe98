namespace TerminologyServer.Api.Tests.Security;

/// <summary>One host accepting both the test API key and HS256 JWTs, shared by the tests of a class.</summary>
public sealed class WriteSecurityFixture : IAsyncLifetime
{
    private SecurityTestHost? _host;

    public SecurityTestHost Host => _host ?? throw new InvalidOperationException("Host not started");

    public async Task InitializeAsync() => _host = await SecurityTestHost.StartAsync(SecurityTestHost.ApiKeyAndJwtSettings());

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
