-- Mentions of watched brands and products published in [start, end): name, kind, published, tone.
SELECT name, kind, published, tone FROM mentions WHERE published >= ? AND published < ?
AND kind IN ('brand', 'product');
