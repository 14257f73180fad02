# cd to this folder, then: gnuplot energy-breakdown.gp
set terminal svg size 331,238 dynamic font 'Helvetica,8'
set output 'energy-breakdown.svg'
set datafile separator '\t'
set datafile missing 'NaN'
set grid ytics lc rgb 'gray80'
set title 'Energy per inference by part (radio = nrf52840-1m, distance = 5 m)' noenhanced
set xlabel 'network and fog energy-efficiency factor f' noenhanced
set ylabel 'energy per inference (mJ)' noenhanced
set yrange [0:*]
set style data histograms
set style histogram rowstacked
set style fill pattern border -1
set boxwidth 0.75
set key below height 1
set xtics nomirror
set xrange [-0.6:0.6]
plot 'energy-breakdown.dat' using 2:xtic(1) title 'wearable compute' noenhanced fs pattern 0 lc rgb '#000000', \
     '' using 3 title 'radio' noenhanced fs pattern 2 lc rgb '#0072B2', \
     '' using 4 title 'fog' noenhanced fs pattern 1 lc rgb '#D55E00'
set terminal pngcairo size 1035,745 font 'Helvetica,8' fontscale 3.125 linewidth 3.125
set output 'energy-breakdown.png'
replot
set terminal pdfcairo size 3.45in,2.48in font 'Helvetica,8' linewidth 1
set output 'energy-breakdown.pdf'
replot
unset output
