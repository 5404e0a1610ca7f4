# akhbar: the two README commands and a few helpers.
#   make demo   set up, build, and run the main job on the sample corpus in examples/
#   make test   set up, build, run the whole test suite, then again under ASan+UBSan
#   make fuzz   build the libFuzzer targets with clang and run each for FUZZ_SECONDS
#   make bench  build and run the benchmark programs (they read ../shared)
#   make train-ner  retrain the named-entity model from ../shared
#   make idf-prior  rebuild the event clusterer's idf prior from ../shared
JOBS ?= $(shell nproc)
FUZZ_SECONDS ?= 60
CMAKE_GEN := -G Ninja

.PHONY: setup build demo test test-release test-asan fuzz bench train-ner idf-prior clean

setup:
	bash scripts/setup.sh

build: setup
	cmake -S . -B build $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS)

demo: build
	bash scripts/demo.sh build/akhbar

test: setup test-release test-asan

test-release:
	cmake -S . -B build $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Release
	cmake --build build -j $(JOBS)
	cd build && ctest --output-on-failure -j $(JOBS)

test-asan:
	cmake -S . -B build-asan $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=Debug -DAKHBAR_SANITIZE=ON -DAKHBAR_BENCH=OFF \
	  -DCMAKE_CXX_FLAGS="-O1 -g"
	cmake --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j $(JOBS)

fuzz: setup
	CC=clang CXX=clang++ cmake -S . -B build-fuzz $(CMAKE_GEN) -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DAKHBAR_FUZZ=ON -DAKHBAR_TESTS=OFF -DAKHBAR_BENCH=OFF
	cmake --build build-fuzz -j $(JOBS)
	bash scripts/run-fuzzers.sh build-fuzz $(FUZZ_SECONDS)

bench: build
	bash scripts/run-bench.sh build

# Retrains the named-entity model from ../shared (prints the held-out F1) and
# rewrites data/ner.model; rebuild to embed it.
train-ner: setup
	bash scripts/train-ner.sh build

idf-prior: setup
	bash scripts/build-idf-prior.sh build

clean:
	rm -rf build build-asan build-fuzz
