namespace PerfGate.Reports;

/// <summary>The pieces a report is made of; Markdown and HTML render the same blocks.</summary>
public abstract record ReportBlock;

public sealed record Heading(int Level, string Text) : ReportBlock;

public sealed record Paragraph(string Text) : ReportBlock;

public sealed record Table(string[] Headers, IReadOnlyList<string[]> Rows) : ReportBlock;

/// <summary>A chart, by the file name of its SVG beside the report (a PNG of the same name sits beside it).</summary>
public sealed record Image(string Alt, string File) : ReportBlock;
