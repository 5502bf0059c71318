package markdown

//go:generate go run ./gensyntax ../../assets/css/syntax.css
