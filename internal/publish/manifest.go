package publish

import "encoding/json"

// Icon is one icon of the web app manifest.
type Icon struct {
	Src     string `json:"src"`
	Sizes   string `json:"sizes"`
	Type    string `json:"type"`
	Purpose string `json:"purpose,omitempty"`
}

// Manifest is the web app manifest that lets a reader install the book on
// a phone's home screen.
type Manifest struct {
	ID              string `json:"id,omitempty"`
	Name            string `json:"name"`
	ShortName       string `json:"short_name"`
	Description     string `json:"description,omitempty"`
	Lang            string `json:"lang,omitempty"`
	StartURL        string `json:"start_url"`
	Scope           string `json:"scope"`
	Display         string `json:"display"`
	BackgroundColor string `json:"background_color"`
	ThemeColor      string `json:"theme_color"`
	Icons           []Icon `json:"icons"`
}

// WriteManifest publishes /manifest.webmanifest.
func (o *Output) WriteManifest(m Manifest) error {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return o.Write("manifest.webmanifest", data)
}
