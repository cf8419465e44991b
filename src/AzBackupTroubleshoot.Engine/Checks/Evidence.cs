namespace AzBackupTroubleshoot.Checks
{
    /// <summary>A value a check looked at: which resource, which JSON path, what it held.</summary>
    public sealed record Evidence(string ResourceId, string Path, string? Value)
    {
        public override string ToString() => $"{Path}={Value ?? "null"}";
    }
}
