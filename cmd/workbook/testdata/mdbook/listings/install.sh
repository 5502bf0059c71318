#!/bin/sh
set -e
cargo install small
echo done
