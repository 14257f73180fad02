# cd to this folder, then: gnuplot energy-breakdown.gp
set terminal svg size 960,520 dynamic font 'Helvetica,12'
set output 'energy-breakdown.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics
set title 'Energy per inference by part, point 0 (devices_radio=nrf52840-1m, distance_m=5)' noenhanced
set xlabel 'network and fog efficiency factor' noenhanced
set ylabel 'energy per inference (mJ)' noenhanced
set yrange [0:*]
set style data histograms
set style histogram rowstacked
set style fill solid 0.85 border -1
set boxwidth 0.75
set key outside right top
set xtics rotate by -30 nomirror
set xrange [-0.6:0.6]
plot 'energy-breakdown.dat' using 2:xtic(1) title 'wearable compute' noenhanced, \
     '' using 3 title 'radio' noenhanced, \
     '' using 4 title 'fog' noenhanced
set terminal pngcairo size 960,520 font 'Helvetica,11'
set output 'energy-breakdown.png'
replot
set terminal pdfcairo size 6in,3.25in font 'Helvetica,10'
set output 'energy-breakdown.pdf'
replot
unset output
