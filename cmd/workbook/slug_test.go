package main

import "testing"

func TestSlugify(t *testing.T) {
	for _, tc := range []struct{ title, want string }{
		{"Talking about what happened", "talking-about-what-happened"},
		{"When it's hard: a \"long\" night", "when-its-hard-a-long-night"},
		{"Leaving the judge’s seat", "leaving-the-judges-seat"},
		{"Café, crème & brûlée", "cafe-creme-brulee"},
		{"  --Week 2--  ", "week-2"},
		{"Ça va? Ünïcödé", "ca-va-unicode"},
		{"信頼を取り戻す", "信頼を取り戻す"},
		{"!!!", ""},
	} {
		if got := slugify(tc.title); got != tc.want {
			t.Errorf("slugify(%q) = %q, want %q", tc.title, got, tc.want)
		}
	}
}
