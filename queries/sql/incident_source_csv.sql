-- incident_source_csv: an incident CSV file read with every cell as text (core/incident_import.py).
-- Read through SQL, not the Python read_csv: with strict_mode that one reads a file with CRLF line
-- ends (Excel on Windows) as no rows at all.
-- params: path, encoding ('utf-8' or 'latin-1'), delimiter (one character)
select *
from read_csv(
    $path::varchar, header = true, all_varchar = true, encoding = $encoding::varchar, skip = 0,
    delim = $delimiter::varchar, quote = '"', strict_mode = true
)
