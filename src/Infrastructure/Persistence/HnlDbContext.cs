using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace HnlService.Infrastructure.Persistence;

/// <summary>
/// The service's database. This type carries the PostgreSQL migrations; <see cref="SqliteHnlDbContext"/>
/// carries the standalone SQLite ones over the same model.
/// </summary>
public class HnlDbContext : DbContext
{
    public HnlDbContext(DbContextOptions<HnlDbContext> options)
        : base(options)
    {
    }

    protected HnlDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<DatasetEntity> Datasets => Set<DatasetEntity>();

    public DbSet<ModelEntity> Models => Set<ModelEntity>();

    public DbSet<ModelFileEntity> ModelFiles => Set<ModelFileEntity>();

    public DbSet<AnalysisEntity> Analyses => Set<AnalysisEntity>();

    public DbSet<AnalysisDiscriminantEntity> AnalysisDiscriminants => Set<AnalysisDiscriminantEntity>();

    public DbSet<ChannelResultEntity> ChannelResults => Set<ChannelResultEntity>();

    public DbSet<MassSummaryEntity> MassSummaries => Set<MassSummaryEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureDatasets(modelBuilder.Entity<DatasetEntity>());
        ConfigureModels(modelBuilder.Entity<ModelEntity>());
        ConfigureModelFiles(modelBuilder.Entity<ModelFileEntity>());
        ConfigureAnalyses(modelBuilder.Entity<AnalysisEntity>());
        ConfigureDiscriminants(modelBuilder.Entity<AnalysisDiscriminantEntity>());
        ConfigureChannelResults(modelBuilder.Entity<ChannelResultEntity>());
        ConfigureMassSummaries(modelBuilder.Entity<MassSummaryEntity>());
    }

    private static void ConfigureDatasets(EntityTypeBuilder<DatasetEntity> dataset)
    {
        dataset.ToTable("datasets");
        dataset.HasKey(d => d.Id);
        dataset.Property(d => d.Name).HasMaxLength(512);
        dataset.Property(d => d.Sha256).HasMaxLength(64);
        dataset.HasIndex(d => d.Sha256);
        dataset.HasIndex(d => d.CreatedAt);
    }

    private static void ConfigureModels(EntityTypeBuilder<ModelEntity> model)
    {
        model.ToTable("models");
        model.HasKey(m => m.Id);
        model.Property(m => m.Name).HasMaxLength(512);
        model.HasIndex(m => m.CreatedAt);
        model.HasMany(m => m.Files).WithOne().HasForeignKey(f => f.ModelId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void ConfigureModelFiles(EntityTypeBuilder<ModelFileEntity> file)
    {
        file.ToTable("model_files");
        file.HasKey(f => new { f.ModelId, f.Ordinal });
        file.Property(f => f.Sha256).HasMaxLength(64);
        file.HasIndex(f => new { f.ModelId, f.FileName }).IsUnique();
    }

    private static void ConfigureAnalyses(EntityTypeBuilder<AnalysisEntity> analysis)
    {
        analysis.ToTable("analyses");
        analysis.HasKey(a => a.Id);
        analysis.Property(a => a.Status)
            .HasConversion(status => status.ToString().ToLowerInvariant(), text => Enum.Parse<AnalysisStatus>(text, true))
            .HasMaxLength(16);
        analysis.Property(a => a.Stage).HasMaxLength(16);
        analysis.Property(a => a.ShareToken).HasMaxLength(64);
        analysis.Property(a => a.LeaseOwner).HasMaxLength(128);
        analysis.Property(a => a.HangfireJobId).HasMaxLength(64);
        analysis.HasIndex(a => a.ShareToken).IsUnique();
        analysis.HasIndex(a => a.Status);
        analysis.HasIndex(a => new { a.DatasetId, a.CreatedAt });
        analysis.HasOne<DatasetEntity>().WithMany().HasForeignKey(a => a.DatasetId).OnDelete(DeleteBehavior.Restrict);
        analysis.HasMany(a => a.Discriminants).WithOne().HasForeignKey(d => d.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        analysis.HasMany<ChannelResultEntity>().WithOne().HasForeignKey(r => r.AnalysisId).OnDelete(DeleteBehavior.Cascade);
        analysis.HasMany<MassSummaryEntity>().WithOne().HasForeignKey(s => s.AnalysisId).OnDelete(DeleteBehavior.Cascade);
    }

    private static void ConfigureDiscriminants(EntityTypeBuilder<AnalysisDiscriminantEntity> discriminant)
    {
        discriminant.ToTable("analysis_discriminants");
        discriminant.HasKey(d => new { d.AnalysisId, d.Ordinal });
        discriminant.Property(d => d.Kind).HasMaxLength(16);
        discriminant.HasOne<ModelEntity>().WithMany().HasForeignKey(d => d.ModelId).OnDelete(DeleteBehavior.Restrict);
    }

    private static void ConfigureChannelResults(EntityTypeBuilder<ChannelResultEntity> result)
    {
        result.ToTable("channel_results");
        result.HasKey(r => r.Id);
        result.Property(r => r.Outcome).HasMaxLength(16);
        result.HasIndex(r => new { r.AnalysisId, r.DiscriminantOrdinal, r.Channel, r.MassKey }).IsUnique();
        ConfigureArray(result.Property(r => r.Edges));
        ConfigureArray(result.Property(r => r.Signal));
        ConfigureArray(result.Property(r => r.Background));
        ConfigureArray(result.Property(r => r.SignalError));
        ConfigureArray(result.Property(r => r.BackgroundError));
    }

    private static void ConfigureMassSummaries(EntityTypeBuilder<MassSummaryEntity> summary)
    {
        summary.ToTable("mass_summaries");
        summary.HasKey(s => s.Id);
        summary.HasIndex(s => new { s.AnalysisId, s.DiscriminantOrdinal, s.MassKey }).IsUnique();
    }

    private static void ConfigureArray(PropertyBuilder<double[]> property)
    {
        property.HasConversion(new DoubleArrayJsonConverter(), DoubleArrayJsonConverter.Comparer);
    }
}
