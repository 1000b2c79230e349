using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HnlService.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InitialCreate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "datasets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StoredPath = table.Column<string>(type: "text", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    OriginalFormat = table.Column<string>(type: "text", nullable: false),
                    WeightColumn = table.Column<string>(type: "text", nullable: false),
                    LabelColumn = table.Column<string>(type: "text", nullable: false),
                    ChannelColumn = table.Column<string>(type: "text", nullable: true),
                    MassColumn = table.Column<string>(type: "text", nullable: true),
                    EventColumn = table.Column<string>(type: "text", nullable: true),
                    ChannelMappingJson = table.Column<string>(type: "text", nullable: false),
                    SchemaJson = table.Column<string>(type: "text", nullable: false),
                    SummaryJson = table.Column<string>(type: "text", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_datasets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: false),
                    ManifestJson = table.Column<string>(type: "text", nullable: false),
                    RequiredColumnsJson = table.Column<string>(type: "text", nullable: false),
                    IsParametric = table.Column<bool>(type: "boolean", nullable: false),
                    IsModelSet = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "analyses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: true),
                    DatasetId = table.Column<Guid>(type: "uuid", nullable: false),
                    SpecJson = table.Column<string>(type: "text", nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Stage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Progress = table.Column<double>(type: "double precision", nullable: false),
                    ErrorCode = table.Column<string>(type: "text", nullable: true),
                    ErrorTitle = table.Column<string>(type: "text", nullable: true),
                    ErrorDetail = table.Column<string>(type: "text", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LoadingMs = table.Column<long>(type: "bigint", nullable: true),
                    ScoringMs = table.Column<long>(type: "bigint", nullable: true),
                    BinningMs = table.Column<long>(type: "bigint", nullable: true),
                    SavingMs = table.Column<long>(type: "bigint", nullable: true),
                    ShareToken = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    CancelRequested = table.Column<bool>(type: "boolean", nullable: false),
                    Attempt = table.Column<int>(type: "integer", nullable: false),
                    LeaseOwner = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    LeaseExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    HangfireJobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ResultChannelsJson = table.Column<string>(type: "text", nullable: true),
                    ResultMassesJson = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analyses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_analyses_datasets_DatasetId",
                        column: x => x.DatasetId,
                        principalTable: "datasets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "model_files",
                columns: table => new
                {
                    ModelId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    FileName = table.Column<string>(type: "text", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StoredPath = table.Column<string>(type: "text", nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_model_files", x => new { x.ModelId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_model_files_models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "analysis_discriminants",
                columns: table => new
                {
                    AnalysisId = table.Column<Guid>(type: "uuid", nullable: false),
                    Ordinal = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "text", nullable: false),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ModelId = table.Column<Guid>(type: "uuid", nullable: true),
                    Column = table.Column<string>(type: "text", nullable: true),
                    Area = table.Column<double>(type: "double precision", nullable: true),
                    Rank = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_analysis_discriminants", x => new { x.AnalysisId, x.Ordinal });
                    table.ForeignKey(
                        name: "FK_analysis_discriminants_analyses_AnalysisId",
                        column: x => x.AnalysisId,
                        principalTable: "analyses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_analysis_discriminants_models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "channel_results",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AnalysisId = table.Column<Guid>(type: "uuid", nullable: false),
                    DiscriminantOrdinal = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<string>(type: "text", nullable: false),
                    Mass = table.Column<double>(type: "double precision", nullable: true),
                    MassKey = table.Column<string>(type: "text", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Edges = table.Column<string>(type: "text", nullable: false),
                    Signal = table.Column<string>(type: "text", nullable: false),
                    Background = table.Column<string>(type: "text", nullable: false),
                    SignalError = table.Column<string>(type: "text", nullable: false),
                    BackgroundError = table.Column<string>(type: "text", nullable: false),
                    Significance = table.Column<double>(type: "double precision", nullable: false),
                    Uncertainty = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_channel_results", x => x.Id);
                    table.ForeignKey(
                        name: "FK_channel_results_analyses_AnalysisId",
                        column: x => x.AnalysisId,
                        principalTable: "analyses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mass_summaries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AnalysisId = table.Column<Guid>(type: "uuid", nullable: false),
                    DiscriminantOrdinal = table.Column<int>(type: "integer", nullable: false),
                    Mass = table.Column<double>(type: "double precision", nullable: true),
                    MassKey = table.Column<string>(type: "text", nullable: false),
                    Average = table.Column<double>(type: "double precision", nullable: true),
                    AverageUncertainty = table.Column<double>(type: "double precision", nullable: true),
                    Combined = table.Column<double>(type: "double precision", nullable: true),
                    CombinedUncertainty = table.Column<double>(type: "double precision", nullable: true),
                    Channels = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_mass_summaries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_mass_summaries_analyses_AnalysisId",
                        column: x => x.AnalysisId,
                        principalTable: "analyses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_analyses_DatasetId_CreatedAt",
                table: "analyses",
                columns: new[] { "DatasetId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_analyses_ShareToken",
                table: "analyses",
                column: "ShareToken",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_analyses_Status",
                table: "analyses",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_analysis_discriminants_ModelId",
                table: "analysis_discriminants",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_channel_results_AnalysisId_DiscriminantOrdinal_Channel_Mass~",
                table: "channel_results",
                columns: new[] { "AnalysisId", "DiscriminantOrdinal", "Channel", "MassKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_datasets_CreatedAt",
                table: "datasets",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_datasets_Sha256",
                table: "datasets",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_mass_summaries_AnalysisId_DiscriminantOrdinal_MassKey",
                table: "mass_summaries",
                columns: new[] { "AnalysisId", "DiscriminantOrdinal", "MassKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_model_files_ModelId_FileName",
                table: "model_files",
                columns: new[] { "ModelId", "FileName" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_models_CreatedAt",
                table: "models",
                column: "CreatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "analysis_discriminants");

            migrationBuilder.DropTable(
                name: "channel_results");

            migrationBuilder.DropTable(
                name: "mass_summaries");

            migrationBuilder.DropTable(
                name: "model_files");

            migrationBuilder.DropTable(
                name: "analyses");

            migrationBuilder.DropTable(
                name: "models");

            migrationBuilder.DropTable(
                name: "datasets");
        }
    }
}
