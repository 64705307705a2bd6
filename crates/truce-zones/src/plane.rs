//! A local equirectangular plane in km around an origin.
//!
//! geo's `Buffer` and Euclidean distances work in planar units, so lengths in
//! km are measured on this plane: x = (lon − lon₀)·kx, y = (lat − lat₀)·ky,
//! with kx, ky the WGS84 lengths of a degree at lat₀. The map is affine, so
//! it is exactly invertible and keeps straight edges straight; over the
//! few tens of km of a zone the scale error stays under 0.5 %
//! (deps.md §3.4 measured 0.2 % on a 45-km corridor's area).

use geo::{Coord, LineString, MapCoords, MultiPolygon, Point};

#[derive(Debug, Clone, Copy)]
pub struct Plane {
    lon0: f64,
    lat0: f64,
    /// km per degree of longitude and latitude at lat0.
    kx: f64,
    ky: f64,
}

impl Plane {
    pub fn new(origin: Coord<f64>) -> Self {
        let phi = origin.y.to_radians();
        // Series for the WGS84 meridian and parallel degree lengths, in m.
        let m_lat = 111_132.954 - 559.822 * (2.0 * phi).cos() + 1.175 * (4.0 * phi).cos();
        let m_lon = 111_412.84 * phi.cos() - 93.5 * (3.0 * phi).cos() + 0.118 * (5.0 * phi).cos();
        Plane {
            lon0: origin.x,
            lat0: origin.y,
            kx: m_lon / 1000.0,
            ky: m_lat / 1000.0,
        }
    }

    /// The plane centred on the middle of a set of coordinates' bounding box.
    pub fn around(coords: impl IntoIterator<Item = Coord<f64>>) -> Self {
        let (mut min, mut max) = (
            Coord {
                x: f64::MAX,
                y: f64::MAX,
            },
            Coord {
                x: f64::MIN,
                y: f64::MIN,
            },
        );
        let mut any = false;
        for c in coords {
            any = true;
            min = Coord {
                x: min.x.min(c.x),
                y: min.y.min(c.y),
            };
            max = Coord {
                x: max.x.max(c.x),
                y: max.y.max(c.y),
            };
        }
        if !any {
            return Plane::new(Coord { x: 0.0, y: 0.0 });
        }
        Plane::new(Coord {
            x: (min.x + max.x) / 2.0,
            y: (min.y + max.y) / 2.0,
        })
    }

    pub fn project(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: (c.x - self.lon0) * self.kx,
            y: (c.y - self.lat0) * self.ky,
        }
    }

    pub fn unproject(&self, c: Coord<f64>) -> Coord<f64> {
        Coord {
            x: self.lon0 + c.x / self.kx,
            y: self.lat0 + c.y / self.ky,
        }
    }

    pub fn point_km(&self, p: Point<f64>) -> Point<f64> {
        Point(self.project(p.0))
    }

    pub fn line_km(&self, l: &LineString<f64>) -> LineString<f64> {
        l.map_coords(|c| self.project(c))
    }

    pub fn area_km(&self, mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        mp.map_coords(|c| self.project(c))
    }

    pub fn area_lonlat(&self, mp: &MultiPolygon<f64>) -> MultiPolygon<f64> {
        mp.map_coords(|c| self.unproject(c))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn degree_lengths_and_round_trip() {
        let p = Plane::new(Coord { x: 46.5, y: 39.6 });
        let one_lat = p.project(Coord { x: 46.5, y: 40.6 });
        assert!((one_lat.y - 111.0).abs() < 0.2, "{one_lat:?}");
        let one_lon = p.project(Coord { x: 47.5, y: 39.6 });
        assert!((one_lon.x - 85.9).abs() < 0.3, "{one_lon:?}");
        let c = Coord { x: 46.71, y: 39.82 };
        let back = p.unproject(p.project(c));
        assert!((back.x - c.x).abs() < 1e-12 && (back.y - c.y).abs() < 1e-12);
    }
}
