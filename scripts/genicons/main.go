// Command genicons draws the book's PNG icons (the SVG icon's two rings) in
// the sizes browsers ask for: 180 (apple-touch-icon), 192, 512 and a 512
// maskable one with a safe margin, into assets/icons/:
//
//	go run ./scripts/genicons
package main

import (
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
)

var (
	teal  = color.RGBA{0x2f, 0x5d, 0x62, 0xff}
	cream = color.RGBA{0xf4, 0xef, 0xe6, 0xff}
	sand  = color.RGBA{0xe7, 0xc9, 0xa0, 0xff}
)

func main() {
	for _, icon := range []struct {
		name     string
		size     int
		maskable bool
	}{{"icon-180.png", 180, false}, {"icon-192.png", 192, false}, {"icon-512.png", 512, false}, {"icon-maskable-512.png", 512, true}} {
		img := draw(icon.size, icon.maskable)
		f, err := os.Create("assets/icons/" + icon.name)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		png.Encode(f, img)
		f.Close()
	}
}

// draw renders the icon with 4x4 supersampling for smooth edges.
func draw(size int, maskable bool) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	scale := float64(size) / 512
	shrink := 1.0
	if maskable {
		shrink = 0.72 // keep the rings inside the maskable safe zone
	}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			var r, g, b, a float64
			for sy := 0; sy < 4; sy++ {
				for sx := 0; sx < 4; sx++ {
					px := (float64(x) + (float64(sx)+0.5)/4) / scale
					py := (float64(y) + (float64(sy)+0.5)/4) / scale
					c, ok := sample(px, py, maskable, shrink)
					if !ok {
						continue
					}
					r, g, b, a = r+float64(c.R), g+float64(c.G), b+float64(c.B), a+255
				}
			}
			if a > 0 {
				img.SetRGBA(x, y, color.RGBA{uint8(r / 16), uint8(g / 16), uint8(b / 16), uint8(a / 16)})
			}
		}
	}
	return img
}

// sample returns the colour at a point of the 512-unit design.
func sample(x, y float64, maskable bool, shrink float64) (color.RGBA, bool) {
	if !maskable && !inRoundedRect(x, y, 512, 112) {
		return color.RGBA{}, false
	}
	cx, cy := 256+(x-256)/shrink, 256+(y-256)/shrink
	if ring(cx, cy, 308, 256, 112, 18) {
		return sand, true
	}
	if ring(cx, cy, 204, 256, 112, 18) {
		return cream, true
	}
	return teal, true
}

func ring(x, y, cx, cy, r, half float64) bool {
	d := math.Hypot(x-cx, y-cy)
	return d > r-half && d < r+half
}

func inRoundedRect(x, y, size, r float64) bool {
	qx := math.Max(math.Max(r-x, x-(size-r)), 0)
	qy := math.Max(math.Max(r-y, y-(size-r)), 0)
	return qx*qx+qy*qy <= r*r
}
