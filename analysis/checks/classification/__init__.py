"""Classification: 政府收支分类科目 codes, their names, their tree, and the places where the
function and the economic classification must tell the same story."""
