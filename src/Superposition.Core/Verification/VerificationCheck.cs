namespace Superposition.Verification;

/// <summary>One row of a verification table: what was checked, its verdict and what was found.</summary>
public sealed record VerificationCheck(string Name, Verdict Verdict, string Detail);
