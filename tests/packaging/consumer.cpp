// A downstream C++ program on edurules::edurules (the static C++ library).
#include <cstdio>
#include <edurules/engine.hpp>
#include <edurules/io/request.hpp>
#include <string>

int main() {
    const edurules::engine engine;
    const std::string out =
        edurules::io::evaluate_json(engine, R"({"schema_version": 1, "kind": "rulebook.describe"})");
    const bool ok = out.find("\"rulebook.describe\"") != std::string::npos;
    std::printf("consumer (C++): %s\n", ok ? "ok" : "FAILED");
    return ok ? 0 : 1;
}
