"""Input files to text: format sniffing and one reader per input format."""
