"""What PowerShell's own cmdlets share: the seam to the language's semantics, property
selection (names, wildcards, calculated properties), file-system paths and errors."""
