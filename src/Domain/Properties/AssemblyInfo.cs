using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("HnlService.Domain.Tests")]
