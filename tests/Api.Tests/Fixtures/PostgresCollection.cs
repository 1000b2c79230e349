namespace HnlService.Api.Tests.Fixtures;

/// <summary>Test classes that share one PostgreSQL cluster; each class makes its own databases.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
